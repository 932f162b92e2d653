import { lookup as lookupCallback, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may post. Stewards are not administrators, so a webhook must not become their way
 * into the machine Ruche runs on or a cloud's metadata service: loopback, link-local and unspecified
 * addresses are refused, by name as by address, and checked again on the addresses a name resolves
 * to as each delivery connects (guardedLookup). Other intranet hosts are allowed, since that is where webhooks go; an
 * administrator narrows them with RUCHE_WEBHOOK_HOSTS (`hooks.example.com`, `*.example.com`), and a
 * host listed there is allowed even if it is one of the refused addresses.
 */
const refused = new BlockList();
refused.addSubnet('127.0.0.0', 8);
refused.addSubnet('169.254.0.0', 16);
refused.addSubnet('0.0.0.0', 8);
refused.addAddress('::1', 'ipv6');
refused.addAddress('::', 'ipv6');
refused.addSubnet('fe80::', 10, 'ipv6');
refused.addAddress('fd00:ec2::254', 'ipv6'); // a cloud's metadata service over IPv6

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');

const isRefusedAddress = (address: string) => {
  const family = isIP(address);
  return family !== 0 && refused.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

function listed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) : host === entry));
}

/** Why a webhook URL is refused as written, or null. */
export function webhookUrlRefusal(target: string | URL, allowed: readonly string[]): string | null {
  const host = hostOf(new URL(target));
  if (listed(host, allowed)) return null;
  if (allowed.length > 0) return `Webhooks may only post to the hosts the administrator listed (RUCHE_WEBHOOK_HOSTS); ${host} is not one of them.`;
  if (host === 'localhost' || host.endsWith('.localhost') || isRefusedAddress(host)) {
    return `Webhooks may not post to ${host}: the machine Ruche runs on and link-local addresses are refused (an administrator can list a host in RUCHE_WEBHOOK_HOSTS).`;
  }
  return null;
}


/**
 * The name lookup a delivery connects with: the addresses a name resolves to are checked as they are
 * used, so a name cannot resolve to an allowed address for a check and be rebound to this machine or
 * a metadata service for the connection. Hosts the administrator listed are not checked. A refusal
 * fails with code REFUSED_TARGET, which is not worth retrying.
 */
export const REFUSED_TARGET = 'EREFUSED_TARGET';

export function guardedLookup(allowed: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    lookupCallback(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const bad = listed(hostname.toLowerCase().replace(/\.$/, ''), allowed) ? undefined : addresses.find((a) => isRefusedAddress(a.address));
      if (bad) {
        const message = `${hostname} resolves to ${bad.address}: the machine Ruche runs on and link-local addresses are refused (an administrator can list a host in RUCHE_WEBHOOK_HOSTS).`;
        return callback(Object.assign(new Error(message), { code: REFUSED_TARGET }), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
