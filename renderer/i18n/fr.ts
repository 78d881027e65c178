import type { Dictionary } from './en';

/** French strings (vous-form). Typed against the English dictionary: a missing or extra key fails to compile. */
export const fr: Dictionary = {
  app: {
    name: 'Roster',
    starting: 'Démarrage de Roster…',
  },
  bridge: {
    title: 'Roster n’a pas pu démarrer',
    body: 'Cette fenêtre n’est pas reliée à l’application Roster : elle ne peut ni vous connecter ni afficher vos contacts.',
    hint: 'Fermez cette fenêtre et relancez Roster. Si le problème persiste, réinstallez Roster ou contactez votre service informatique.',
  },
  signIn: {
    title: 'Connexion à Exchange',
    intro: 'Utilisez votre adresse e-mail et votre mot de passe professionnels.',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    advanced: 'Options avancées',
    ewsUrl: 'URL du serveur (EWS)',
    ewsUrlHint:
      'Laissez vide pour la trouver automatiquement. Exemple : https://mail.example.com/EWS/Exchange.asmx',
    username: 'Nom d’utilisateur',
    usernameHint:
      'DOMAINE\\utilisateur ou utilisateur@example.com. Laissez vide pour utiliser votre adresse e-mail.',
    authMethod: 'Méthode de connexion',
    authMethods: {
      auto: 'Automatique',
      ntlm: 'NTLM (Windows)',
      basic: 'De base (Basic)',
      bearer: 'OAuth (authentification moderne)',
    },
    rememberMe: 'Se souvenir de moi',
    submit: 'Se connecter',
    or: 'ou',
    demo: 'Essayer la démo',
    demoHint: 'Découvrez Roster avec une organisation fictive. Aucun compte nécessaire.',
    progress: 'Progression de la connexion',
    steps: {
      discovering: 'Recherche de votre serveur…',
      authenticating: 'Connexion…',
      loading: 'Chargement des contacts…',
    },
    stepDone: 'terminé',
    invalid: {
      email: 'Saisissez votre adresse e-mail, par exemple nom@example.com.',
      password: 'Saisissez votre mot de passe.',
      ewsUrl: 'Saisissez une adresse complète commençant par https://',
      username: 'Ce nom d’utilisateur est trop long.',
    },
    trust: 'Faire confiance à ce certificat et réessayer',
  },
  errors: {
    auth: {
      title: 'Adresse e-mail ou mot de passe incorrect',
      body: 'Vérifiez-les et réessayez. Si votre organisation utilise des noms d’utilisateur comme DOMAINE\\utilisateur, saisissez le vôtre dans les options avancées.',
    },
    serverNotFound: {
      title: 'Votre serveur est introuvable',
      body: 'Vérifiez votre adresse e-mail. Si elle est correcte, demandez l’URL du serveur à votre service informatique et saisissez-la dans les options avancées.',
    },
    offline: {
      title: 'Aucune connexion réseau',
      body: 'Connectez-vous à un réseau, puis réessayez.',
    },
    network: {
      title: 'Le serveur est injoignable',
      body: 'Le serveur n’a pas répondu. Vérifiez votre connexion, puis réessayez.',
    },
    tls: {
      title: 'Le certificat de ce serveur n’est pas reconnu',
      body: 'Roster n’a pas pu vérifier que {{host}} est bien le serveur qu’il prétend être. Ne faites confiance à ce certificat que si votre service informatique en confirme l’empreinte.',
      host: 'Serveur',
      fingerprint: 'Empreinte SHA-256',
      subject: 'Délivré à',
    },
    throttled: {
      title: 'Le serveur est surchargé',
      wait_one: 'Patientez {{count}} seconde, puis réessayez.',
      wait_other: 'Patientez {{count}} secondes, puis réessayez.',
      noWait: 'Patientez un instant, puis réessayez.',
    },
    mailboxNotFound: {
      title: 'Aucune boîte aux lettres pour cette adresse',
      body: 'Exchange n’a aucune boîte aux lettres pour cette adresse e-mail. Vérifiez-la et réessayez.',
    },
    notFound: {
      title: 'Introuvable',
      body: 'L’élément demandé n’existe plus.',
    },
    server: {
      title: 'Le serveur a signalé un problème',
      body: 'Réessayez plus tard. Si le problème persiste, contactez votre service informatique.',
    },
    badInput: {
      title: 'Certaines informations ne sont pas valides',
      body: 'Vérifiez votre saisie, puis réessayez.',
    },
    unavailable: {
      title: 'Indisponible',
      body: 'Cette fonction n’est pas disponible pour le moment.',
    },
    details: 'Détails : {{message}}',
  },
  main: {
    signedInAs: 'Connecté en tant que {{name}}',
    demo: 'Démo',
    demoLabel: 'Compte de démonstration',
    settings: 'Paramètres',
    signOut: 'Se déconnecter',
    vaultSession:
      'Votre mot de passe n’est conservé que jusqu’à la fermeture de Roster : ce système n’a pas de trousseau sécurisé.',
    contacts: {
      label: 'Contacts',
      empty: 'Vos contacts s’afficheront ici',
    },
    detail: {
      label: 'Détails du contact',
      empty: 'Sélectionnez un contact',
    },
  },
  settings: {
    title: 'Paramètres',
    close: 'Fermer',
    language: 'Langue',
    languages: {
      system: 'Système',
      en: 'English',
      fr: 'Français',
    },
    theme: 'Thème',
    themes: {
      system: 'Système',
      light: 'Clair',
      dark: 'Sombre',
    },
    showPhotos: 'Afficher les photos',
    rememberMe: 'Se souvenir de moi',
    rememberMeHint: 'Se connecter automatiquement au démarrage de Roster.',
    loadFailed: 'Impossible de charger vos paramètres.',
    retry: 'Réessayer',
    version: '{{name}} {{version}}',
  },
};
