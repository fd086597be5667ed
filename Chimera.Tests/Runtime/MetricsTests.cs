using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Chimera.Nodes;

namespace Chimera.Tests.Runtime;

public class MetricsTests
{
    [Fact]
    public async Task Meter_ReportsStepsAndEdgeCounters()
    {
        var steps = new ConcurrentDictionary<string, long>();
        var edgeSent = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Chimera")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? node = null, edge = null;
            foreach (var t in tags)
            {
                if (t.Key == "node")
                {
                    node = t.Value as string;
                }
                else if (t.Key == "edge")
                {
                    edge = t.Value as string;
                }
            }

            if (instrument.Name == "chimera.node.steps" && node is not null)
            {
                steps.AddOrUpdate(node, value, (_, v) => v + value);
            }
            else if (instrument.Name == "chimera.edge.sent" && edge is not null)
            {
                edgeSent[edge] = value;
            }
        });
        listener.Start();

        var name = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var g = new Chimera.Graph()
            .AddNode(name, new Counter { Count = 25 })
            .AddNode(name + "-sink", new Collect { Key = Scratch.NewKey() })
            .AddEdge(name, name + "-sink");
        await using var manager = new Manager();
        await manager.CommitGraphAsync(g);
        await manager.StartAsync();
        while (manager.Status != RunStatus.Completed)
        {
            await Task.Delay(5);
        }

        listener.RecordObservableInstruments();
        await manager.WaitForCompletionAsync();

        Assert.Equal(25, steps[name + "-sink"]);
        Assert.Equal(25, edgeSent[$"{name} -> {name}-sink"]);
    }

    [Fact]
    public void Meter_ReportsTheBytesBufferedOnAnEdge()
    {
        var edge = new Chimera.Runtime.EdgeChannel(new BlueprintEdge("bytes-a -> bytes-b", "bytes-a", "bytes-b", 8, OverflowPolicy.Backpressure, Follow: false, "w", "w", IsRemote: false));
        edge.TryWrite(DataChunk.Of(new byte[1000]));
        edge.TryWrite(DataChunk.Of(new float[10]));
        long? seen = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Chimera" && instrument.Name == "chimera.edge.queue_bytes")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var t in tags)
            {
                if (t.Key == "edge" && (string?)t.Value == "bytes-a -> bytes-b")
                {
                    seen = value;
                }
            }
        });
        listener.Start();
        Chimera.Runtime.ChimeraMetrics.Track(edge, "run-bytes");
        try
        {
            listener.RecordObservableInstruments();
        }
        finally
        {
            Chimera.Runtime.ChimeraMetrics.Untrack(edge);
        }

        Assert.Equal(1040, seen);
    }
}
