/** volumeTransfer.*: the upload preflight, and the upload/download channels (channels.ts) over the transfer cores. */
import type { MethodsOf } from '../../../../shared/api.js';
import type { ChannelKind } from '../../../../shared/channels.js';
import type { ChannelOpenersFor } from '../../channels/types.js';
import type { BackendContext, Feature } from '../../feature.js';
import { openDownloadChannel, openUploadChannel } from './channels.js';
import { checkUpload } from './target.js';

export function createVolumeTransferFeature(ctx: BackendContext): Feature<MethodsOf<'volumeTransfer'>> & {
  channels: ChannelOpenersFor<Extract<ChannelKind, `volume.${string}`>>;
} {
  return {
    handlers: {
      'volumeTransfer.checkUpload': async (i) => {
        const { poolRef: _pool, vol: _vol, ...check } = await checkUpload(ctx.hosts.client(i.connectionId), i);
        return check;
      },
    },
    channels: {
      'volume.upload': (input, sink) => openUploadChannel(ctx, input, sink),
      'volume.download': (input, sink) => openDownloadChannel(ctx, input, sink),
    },
  };
}
