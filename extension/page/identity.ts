import { Identity } from '../../widgets/shared/identity.ts';
import type { IdentityState } from '../shared/protocol.ts';
import type { Bridge } from './bridge.ts';

/**
 * Who the widgets in the panel act as. The person's token stays in the extension's background,
 * which adds it to the requests it relays: here there is only whether someone is signed in. The
 * widgets ask `token()` to know that (and send what it returns, which the background replaces), so
 * it answers a placeholder that means "the extension's person", or null for nobody.
 */
export class ExtensionIdentity extends Identity {
  state: IdentityState;

  constructor(
    api: string,
    private readonly bridge: Bridge,
    state: IdentityState,
  ) {
    super(api, { kind: 'token', token: '' });
    this.state = state;
    bridge.onIdentity = (next) => this.update(next);
  }

  override async token(): Promise<string | null> {
    return this.state.person ? 'ruche-extension' : null;
  }

  /** The API refused the person (the background tried a fresh token already): ask who it is now. */
  override async refresh(): Promise<void> {
    const hello = await this.bridge.call('hello').catch(() => null);
    this.update(hello?.identity ?? { mode: this.state.mode, person: null });
  }

  /** The person changed (here, in another tab, in the options page): the widgets reload as them. */
  update(next: IdentityState): void {
    const before = JSON.stringify(this.state);
    this.state = next;
    if (JSON.stringify(next) !== before) this.dispatchEvent(new Event('change'));
  }
}
