/**
 * The Electron preload (sandboxed): exposes window.roster through contextBridge, built from the
 * contract. The renderer gets functions only, never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { z } from 'zod';
import { ipcChannel, ipcEvent, type Result } from './contract';
import { buildRosterApi } from './bridge';

// zod compiles object schemas with `new Function` when it can; nothing in the preload may eval.
z.config({ jitless: true });

const api = buildRosterApi({
  invoke: (channel, request) => ipcRenderer.invoke(ipcChannel(channel), request) as Promise<Result<unknown>>,
  listen: (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(ipcEvent(event), wrapped);
    return () => {
      ipcRenderer.removeListener(ipcEvent(event), wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('roster', api);
