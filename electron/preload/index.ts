// Preload (sandboxed): exposes the contract-derived `window.api` and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './api-surface';

contextBridge.exposeInMainWorld('api', buildPreloadApi(ipcRenderer));
