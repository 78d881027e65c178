/**
 * English strings: the reference dictionary. Every other language has exactly these keys
 * (fr.ts is typed against `Dictionary`, and a unit test checks it at run time too).
 */
export const en = {
  app: {
    name: 'Roster',
    starting: 'Starting Roster…',
  },
  bridge: {
    title: 'Roster couldn’t start',
    body: 'This window isn’t connected to the Roster app, so it can’t sign you in or show your contacts.',
    hint: 'Close this window and start Roster again. If this keeps happening, reinstall Roster or contact your IT department.',
  },
  signIn: {
    title: 'Sign in to Exchange',
    intro: 'Use your work e-mail address and password.',
    email: 'E-mail address',
    password: 'Password',
    advanced: 'Advanced',
    ewsUrl: 'Server URL (EWS)',
    ewsUrlHint: 'Leave empty to find it automatically. Example: https://mail.example.com/EWS/Exchange.asmx',
    username: 'User name',
    usernameHint: 'DOMAIN\\user or user@example.com. Leave empty to use your e-mail address.',
    authMethod: 'Sign-in method',
    authMethods: {
      auto: 'Automatic',
      ntlm: 'NTLM (Windows)',
      basic: 'Basic',
      bearer: 'OAuth (modern authentication)',
    },
    rememberMe: 'Remember me',
    submit: 'Sign in',
    or: 'or',
    demo: 'Try the demo',
    demoHint: 'Explore Roster with a sample organisation. No account needed.',
    progress: 'Sign-in progress',
    steps: {
      discovering: 'Finding your server…',
      authenticating: 'Signing in…',
      loading: 'Loading contacts…',
    },
    stepDone: 'done',
    invalid: {
      email: 'Enter your e-mail address, like name@example.com.',
      password: 'Enter your password.',
      ewsUrl: 'Enter a full address that starts with https://',
      username: 'This user name is too long.',
    },
    trust: 'Trust this certificate and retry',
  },
  errors: {
    auth: {
      title: 'Wrong e-mail address or password',
      body: 'Check them and try again. If your organisation uses user names like DOMAIN\\user, enter yours under Advanced.',
    },
    serverNotFound: {
      title: 'We couldn’t find your server',
      body: 'Check your e-mail address. If it’s right, ask your IT department for the server URL and enter it under Advanced.',
    },
    offline: {
      title: 'No network connection',
      body: 'Connect to a network, then try again.',
    },
    network: {
      title: 'Can’t reach the server',
      body: 'The server didn’t answer. Check your connection, then try again.',
    },
    tls: {
      title: 'This server’s certificate isn’t trusted',
      body: 'Roster couldn’t confirm that {{host}} is the server it claims to be. Only trust this certificate if your IT department confirms its fingerprint.',
      host: 'Server',
      fingerprint: 'SHA-256 fingerprint',
      subject: 'Issued to',
    },
    throttled: {
      title: 'The server is busy',
      wait_one: 'Please wait {{count}} second, then try again.',
      wait_other: 'Please wait {{count}} seconds, then try again.',
      noWait: 'Please wait a moment, then try again.',
    },
    mailboxNotFound: {
      title: 'No mailbox for this address',
      body: 'Exchange has no mailbox for this e-mail address. Check it and try again.',
    },
    notFound: {
      title: 'Not found',
      body: 'What you asked for doesn’t exist any more.',
    },
    server: {
      title: 'The server reported a problem',
      body: 'Try again later. If it keeps happening, contact your IT department.',
    },
    badInput: {
      title: 'Some details aren’t valid',
      body: 'Check what you entered, then try again.',
    },
    unavailable: {
      title: 'Not available',
      body: 'This isn’t available right now.',
    },
    details: 'Details: {{message}}',
  },
  main: {
    signedInAs: 'Signed in as {{name}}',
    demo: 'Demo',
    demoLabel: 'Demo account',
    settings: 'Settings',
    signOut: 'Sign out',
    vaultSession: 'Your password is kept only until you quit: this system has no keystore.',
    contacts: {
      label: 'Contacts',
      empty: 'Your contacts will appear here',
    },
    detail: {
      label: 'Contact details',
      empty: 'Select a contact',
    },
  },
  settings: {
    title: 'Settings',
    close: 'Close',
    language: 'Language',
    languages: {
      system: 'System',
      en: 'English',
      fr: 'Français',
    },
    theme: 'Theme',
    themes: {
      system: 'System',
      light: 'Light',
      dark: 'Dark',
    },
    showPhotos: 'Show photos',
    rememberMe: 'Remember me',
    rememberMeHint: 'Sign in automatically when Roster starts.',
    loadFailed: 'Your settings couldn’t be loaded.',
    retry: 'Try again',
    version: '{{name}} {{version}}',
  },
};

export type Dictionary = typeof en;
