import { describe, expect, it } from 'vitest';
import { mountPointsUnder } from './mounter';

const mountinfo = [
  '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
  '44 27 0:39 / /var/lib/kf/pods/u1/volumes/kubernetes.io~empty-dir/mem rw,relatime - tmpfs tmpfs rw,size=1024k',
  '45 27 0:40 / /var/lib/kf/pods/u1/volumes/kubernetes.io~secret/my\\040secret rw - tmpfs tmpfs rw',
  '46 27 0:41 / /var/lib/kf/pods/u10/volumes/x rw - tmpfs tmpfs rw',
].join('\n');

describe('mountPointsUnder', () => {
  it('lists mount points at or below a directory, unescaping spaces, and not its siblings', () => {
    expect(mountPointsUnder(mountinfo, '/var/lib/kf/pods/u1/')).toEqual([
      '/var/lib/kf/pods/u1/volumes/kubernetes.io~empty-dir/mem',
      '/var/lib/kf/pods/u1/volumes/kubernetes.io~secret/my secret',
    ]);
    expect(mountPointsUnder(mountinfo, '/var/lib/kf/pods/u1/volumes/kubernetes.io~empty-dir/mem')).toEqual(['/var/lib/kf/pods/u1/volumes/kubernetes.io~empty-dir/mem']);
    expect(mountPointsUnder('', '/x')).toEqual([]);
  });
});
