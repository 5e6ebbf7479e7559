// Kino bench stub for webrtc-polyfill (see package.json): the names simple-peer imports,
// each failing loudly if anything tries to open a WebRTC connection.
class Unavailable {
  constructor () { throw new Error('WebRTC is stubbed out in the Kino torrent bench') }
}
export class RTCPeerConnection extends Unavailable {}
export class RTCSessionDescription extends Unavailable {}
export class RTCIceCandidate extends Unavailable {}
export default { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate }
