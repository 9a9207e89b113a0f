// sourceIPs as upstream lists them: X-Forwarded-For entries, then X-Real-Ip if not among them, then the
// connection's address unless it equals the last one. A Worker never sees the TCP peer: Cloudflare's
// CF-Connecting-IP is that address (Miniflare sets it too). All but the last may be forged by the client.
export function sourceIPs(headers: Headers): string[] {
  const ips = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const real = headers.get('x-real-ip')?.trim();
  if (real && !ips.includes(real)) ips.push(real);
  const remote = headers.get('cf-connecting-ip')?.trim();
  if (remote && ips[ips.length - 1] !== remote) ips.push(remote);
  return ips;
}
