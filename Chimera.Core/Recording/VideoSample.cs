using Chimera.Media;

namespace Chimera.Recording;

/// <summary>
/// The value a <see cref="NodeRecorder"/> receives for <see cref="RecordingKind.Video"/>: a frame and the stream's
/// nominal frame rate (a bare <see cref="ImageFrame"/> counts as 30 fps).
/// </summary>
/// <param name="Frame">The frame; the recorder copies it before returning, so the caller may reuse or dispose it.</param>
/// <param name="FramesPerSecond">The rate written into the mp4; the first frame of a stream fixes it.</param>
public sealed record VideoSample(ImageFrame Frame, double FramesPerSecond);
