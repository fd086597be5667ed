using System.Buffers;
using System.Diagnostics;
using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Media;
using Chimera.Wire;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// <c>video.1080p.codec.fps</c>: what a cross-process video edge does to each frame, without the socket — a
/// <see cref="DataChunk"/> holding a 1080p <c>ImageFrame</c> goes through <c>DataChunkCodec.Encode</c> (JPEG through the
/// built-in image codec) into a pooled buffer and <c>DataChunkCodec.Decode</c> back into a new chunk and frame.
/// Compared with <c>raw.jpeg.codec</c>, the ratio is the cost of Chimera's wire layer around libjpeg-turbo.
/// </summary>
internal sealed class VideoCodec : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "video.1080p.codec.fps";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Figure(Name, "fps", RawJpegCodec.Name, Goal.RatioAtLeast(0.8))];

    /// <inheritdoc />
    public override string Note => "In-process encode + decode of a chunk holding one 1920x1080 RGB24 frame with the wire codec (DataChunkCodec, default JPEG quality 90), one thread; no socket.";

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        TestFrames.EnsureJpeg();
        using var image = TestFrames.Render1080p(1);
        var chunk = DataChunk.Of(image);
        chunk.Freeze();
        var codec = new DataChunkCodec(new WireSettings(), ValueCodecRegistry.Default);
        using var buffer = new PooledBufferWriter();
        var frames = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < options.Window)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer.Clear();
            codec.Encode(chunk, buffer, DateTimeOffset.UtcNow);
            var decoded = codec.Decode(new ReadOnlySequence<byte>(buffer.WrittenMemory), DateTimeOffset.UtcNow);
            decoded.Get<Chimera.Media.ImageFrame>().Dispose();
            frames++;
        }

        IReadOnlyDictionary<string, double> result = new Dictionary<string, double> { [Name] = frames / Stopwatch.GetElapsedTime(started).TotalSeconds };
        return Task.FromResult(result);
    }
}
