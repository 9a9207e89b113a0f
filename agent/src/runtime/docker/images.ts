// Image queries and pulls. Pull failures arrive inside a 200 progress stream or as a 4xx/5xx; both
// become one Error naming the image.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { ImageInfo, RegistryAuth } from '../types';
import { readProgress } from '../images/progress';
import { engineMessage, isNotFound } from './errors';

interface RawImage {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  /** Only in inspect results, not in lists. */
  Config?: { User?: string };
}

export function toImageInfo(i: RawImage): ImageInfo {
  return {
    id: i.Id,
    repoTags: i.RepoTags ?? [],
    repoDigests: i.RepoDigests ?? [],
    sizeBytes: i.Size ?? 0,
    ...(i.Config ? { user: i.Config.User ?? '' } : {}),
  };
}

export async function listImages(docker: Docker): Promise<ImageInfo[]> {
  return (await docker.listImages()).map(toImageInfo);
}

export async function inspectImage(docker: Docker, ref: string): Promise<ImageInfo | null> {
  try {
    return toImageInfo(await docker.getImage(ref).inspect());
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export async function pullImage(docker: Docker, ref: string, auth?: RegistryAuth): Promise<ImageInfo> {
  try {
    // dockerode sends `authconfig` as the X-Registry-Auth header (base64url JSON).
    const stream = (await docker.pull(ref, auth ? { authconfig: auth } : {})) as unknown as Readable;
    await readProgress(stream);
  } catch (err) {
    throw new Error(`pull of image ${ref} failed: ${engineMessage(err)}`, { cause: err });
  }
  const info = await inspectImage(docker, ref);
  if (!info) throw new Error(`pull of image ${ref} finished but the image is not in the local store`);
  return info;
}
