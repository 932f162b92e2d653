import { defineElement } from '../shared/define.ts';
import { RucheNotificationBell } from './notifications.component.ts';

export { RucheNotificationBell };

/** Registers <ruche-notifications>; `api` is where the loader came from (the default API). */
export function define(api?: string): void {
  defineElement('ruche-notifications', RucheNotificationBell, api);
}
