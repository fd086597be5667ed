using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Profile;
using Chimera.Benchmarks.Remote;
using Chimera.Benchmarks.Scenarios;

namespace Chimera.Benchmarks.Harness;

/// <summary>Every benchmark, in run order: each raw baseline just before the figures compared with it.</summary>
internal static class Catalog
{
    /// <summary>The name of the small-message TCP baseline.</summary>
    public const string RawTcpSmall = "raw.tcp.small";

    /// <summary>The name of the bulk TCP baseline.</summary>
    public const string RawTcpBulk = "raw.tcp.bulk";

    /// <summary>Builds the list.</summary>
    public static IReadOnlyList<Benchmark> All() =>
    [
        new HotPathProfile(),
        new StageProfile(),
        new CodecProfile(),
        new LargeReceiveProfile(),
        new RawChannel(),
        new InProcSmallThroughput(),
        new RawChannelFanOut(),
        new FanOutThroughput(),
        new RawParallel(),
        new ParallelThroughput(),
        new CommitTenNodes(),
        new CommitTenNodesRemote(),
        new RawJpegCodec(),
        new VideoCodec(),
        new VideoEmbedded(),
        new VideoRemote(),
        new EmbeddedLatency(),
        new RawTcpStream(RawTcpSmall, 64, bulk: false),
        new RemoteThroughput(Metric.Figure("remote.small.throughput", "msg/s", RawTcpSmall, Goal.AtLeast(3e6)), 64, Metric.Figure("remote.small.cpu_per_msg", "ns/msg", lowerIsBetter: true), compilation: WorkerCompilation.TieredEager),
        new RawTcpStream(RawTcpBulk, 6_000_000, bulk: true),
        new RemoteThroughput(Metric.Figure("remote.large.throughput", "GB/s", RawTcpBulk, Goal.RatioAtLeast(0.7)), 6_000_000, Metric.Figure("remote.large.cpu_per_msg", "ns/msg", lowerIsBetter: true), capacity: 4, repeat: true),
        new RemoteThroughput(Metric.Figure("remote.frames.throughput", "GB/s", RawTcpBulk), Nodes.FrameSource.DefaultFrameBytes, Metric.Figure("remote.frames.cpu_per_msg", "ns/msg", lowerIsBetter: true), capacity: 4, frames: true),
        new RawTcpPingPong(),
        new RemoteLatency(),
        new MemorySlowSink(),
    ];
}
