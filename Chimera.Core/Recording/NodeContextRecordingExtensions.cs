using Chimera.Media;
using Chimera.Recording;

namespace Chimera;

/// <summary>
/// ChimeraPy's <c>save_video</c>, <c>save_audio</c>, <c>save_image</c>, <c>save_tabular</c> for Chimera nodes:
/// <c>Context.SaveVideoAsync("camera", frame, 30, ct)</c>. Timestamps come from <see cref="NodeContext.Now"/>.
/// </summary>
/// <remarks>
/// <para>While the cluster previews (not recording) every call returns at once and keeps nothing. While recording,
/// the value is copied (frames, samples) or snapshotted (rows, JSON) before the call returns, so the node may reuse
/// its buffers, and is written by a background writer into <c>runFolder/worker/node/</c>.</para>
/// <para>Backpressure: each stream has a bounded queue (<see cref="RecordingOptions.QueueCapacity"/>). When the disk
/// or encoder falls behind, the async forms complete only when there is room, and the synchronous forms block the
/// node's thread until then; nothing is dropped. A writer failure (disk full, ffmpeg exited) surfaces as an
/// <see cref="IOException"/> from the next save of that stream.</para>
/// </remarks>
public static class NodeContextRecordingExtensions
{
    /// <summary>Appends a frame to <c>name.mp4</c> (with <c>name.timestamps.csv</c>); the first frame fixes size, format and rate.</summary>
    public static ValueTask SaveVideoAsync(this NodeContext context, string name, ImageFrame frame, double fps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(frame);
        return context.Recorder.IsActive
            ? context.Recorder.SaveAsync(name, RecordingKind.Video, new VideoSample(frame, fps), context.Now, cancellationToken)
            : ValueTask.CompletedTask;
    }

    /// <summary>Appends interleaved float samples in [-1, 1] to <c>name.wav</c>; the first block fixes channels and rate.</summary>
    public static ValueTask SaveAudioAsync(this NodeContext context, string name, ReadOnlyMemory<float> samples, int channels, int sampleRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Recorder.IsActive
            ? context.Recorder.SaveAsync(name, RecordingKind.Audio, new AudioBlock(samples, channels, sampleRate), context.Now, cancellationToken)
            : ValueTask.CompletedTask;
    }

    /// <summary>Appends interleaved 16-bit samples to <c>name.wav</c> (stored as float, losslessly).</summary>
    public static ValueTask SaveAudioAsync(this NodeContext context, string name, ReadOnlyMemory<short> samples, int channels, int sampleRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Recorder.IsActive
            ? context.Recorder.SaveAsync(name, RecordingKind.Audio, AudioBlock.FromPcm16(samples.Span, channels, sampleRate), context.Now, cancellationToken)
            : ValueTask.CompletedTask;
    }

    /// <summary>Appends an audio block to <c>name.wav</c>.</summary>
    public static ValueTask SaveAudioAsync(this NodeContext context, string name, AudioBlock block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(block);
        return Save(context, name, RecordingKind.Audio, block, cancellationToken);
    }

    /// <summary>Saves an image as the next PNG of <c>name/000001.png</c>, <c>name/000002.png</c>, …</summary>
    public static ValueTask SaveImageAsync(this NodeContext context, string name, ImageFrame image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(image);
        return Save(context, name, RecordingKind.Image, image, cancellationToken);
    }

    /// <summary>Appends a row to <c>name.csv</c>: a dictionary of column to value, or any object whose public properties become columns.</summary>
    /// <remarks>The first row fixes the columns (after a leading <c>timestamp</c> column); a later row with a new column
    /// throws <see cref="ArgumentException"/> naming it, while missing columns are left empty.</remarks>
    public static ValueTask SaveTabularAsync(this NodeContext context, string name, object row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(row);
        return Save(context, name, RecordingKind.Tabular, row, cancellationToken);
    }

    /// <summary>Appends <c>{"timestamp":…,"unix_ns":…,"value":…}</c> to <c>name.jsonl</c>, serializing with System.Text.Json.</summary>
    public static ValueTask SaveJsonAsync(this NodeContext context, string name, object value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(value);
        return Save(context, name, RecordingKind.Json, value, cancellationToken);
    }

    /// <summary>Appends a line to <c>name.txt</c>.</summary>
    public static ValueTask SaveTextAsync(this NodeContext context, string name, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(text);
        return Save(context, name, RecordingKind.Text, text, cancellationToken);
    }

    /// <summary>The blocking form of <see cref="SaveVideoAsync"/>: blocks the node's thread while the queue is full.</summary>
    public static void SaveVideo(this NodeContext context, string name, ImageFrame frame, double fps, CancellationToken cancellationToken = default) =>
        Wait(context.SaveVideoAsync(name, frame, fps, cancellationToken));

    /// <summary>The blocking form of <see cref="SaveAudioAsync(NodeContext, string, ReadOnlyMemory{float}, int, int, CancellationToken)"/>.</summary>
    public static void SaveAudio(this NodeContext context, string name, ReadOnlyMemory<float> samples, int channels, int sampleRate, CancellationToken cancellationToken = default) =>
        Wait(context.SaveAudioAsync(name, samples, channels, sampleRate, cancellationToken));

    /// <summary>The blocking form of <see cref="SaveAudioAsync(NodeContext, string, ReadOnlyMemory{short}, int, int, CancellationToken)"/>.</summary>
    public static void SaveAudio(this NodeContext context, string name, ReadOnlyMemory<short> samples, int channels, int sampleRate, CancellationToken cancellationToken = default) =>
        Wait(context.SaveAudioAsync(name, samples, channels, sampleRate, cancellationToken));

    /// <summary>The blocking form of <see cref="SaveAudioAsync(NodeContext, string, AudioBlock, CancellationToken)"/>.</summary>
    public static void SaveAudio(this NodeContext context, string name, AudioBlock block, CancellationToken cancellationToken = default) =>
        Wait(context.SaveAudioAsync(name, block, cancellationToken));

    /// <summary>The blocking form of <see cref="SaveImageAsync"/>.</summary>
    public static void SaveImage(this NodeContext context, string name, ImageFrame image, CancellationToken cancellationToken = default) =>
        Wait(context.SaveImageAsync(name, image, cancellationToken));

    /// <summary>The blocking form of <see cref="SaveTabularAsync"/>.</summary>
    public static void SaveTabular(this NodeContext context, string name, object row, CancellationToken cancellationToken = default) =>
        Wait(context.SaveTabularAsync(name, row, cancellationToken));

    /// <summary>The blocking form of <see cref="SaveJsonAsync"/>.</summary>
    public static void SaveJson(this NodeContext context, string name, object value, CancellationToken cancellationToken = default) =>
        Wait(context.SaveJsonAsync(name, value, cancellationToken));

    /// <summary>The blocking form of <see cref="SaveTextAsync"/>.</summary>
    public static void SaveText(this NodeContext context, string name, string text, CancellationToken cancellationToken = default) =>
        Wait(context.SaveTextAsync(name, text, cancellationToken));

    /// <summary>Queues <paramref name="value"/> for the stream while recording; while previewing, keeps nothing.</summary>
    private static ValueTask Save(NodeContext context, string name, RecordingKind kind, object value, CancellationToken cancellationToken) =>
        context.Recorder.IsActive
            ? context.Recorder.SaveAsync(name, kind, value, context.Now, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Blocks until the save is queued (at once unless the queue is full).</summary>
    private static void Wait(ValueTask save)
    {
        if (save.IsCompletedSuccessfully)
        {
            return;
        }

        save.AsTask().GetAwaiter().GetResult();
    }
}
