using System.IO.Pipelines;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

public sealed class FramePipeTests
{
    [Fact]
    public async Task WriterAndReader_OverAPipe_DeliverEveryElementInOrder()
    {
        var settings = new WireSettings { MaxFrameSize = 1024 };
        var codec = DataChunkCodecTests.NewCodec(settings);
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: 512, pauseWriterThreshold: 0));
        var payload = new byte[5000];
        new Random(1).NextBytes(payload);

        using (var writer = new FrameWriter(codec))
        {
            writer.WriteDemand(pipe.Writer, 100);
            for (var i = 0; i < 50; i++)
            {
                writer.WriteData(pipe.Writer, i, new DataChunk().Add("i", i).Add("blob", i % 10 == 0 ? payload : Array.Empty<byte>()));
                if (i % 7 == 0)
                {
                    await pipe.Writer.FlushAsync();
                }
            }

            writer.WriteComplete(pipe.Writer, 49);
        }

        await pipe.Writer.CompleteAsync();

        var received = new List<DataChunk>();
        long demand = 0;
        long? completedAt = null;
        using var reader = new FrameReader(settings);
        while (true)
        {
            var result = await pipe.Reader.ReadAsync();
            var buffer = result.Buffer;
            while (reader.TryReadFrame(ref buffer, out var frame))
            {
                switch (frame.Type)
                {
                    case FrameType.Demand:
                        demand = FrameReader.ReadInt64(frame);
                        break;
                    case FrameType.Data:
                        Assert.Equal(received.Count, frame.Sequence);
                        received.Add(codec.Decode(frame.Payload, DateTimeOffset.UtcNow));
                        break;
                    case FrameType.Complete:
                        completedAt = frame.Sequence;
                        break;
                }
            }

            pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                Assert.True(buffer.IsEmpty);
                break;
            }
        }

        Assert.Equal(100, demand);
        Assert.Equal(49, completedAt);
        Assert.Equal(Enumerable.Range(0, 50), received.Select(c => c.Get<int>("i")));
        Assert.Equal(payload, received[40].Get<byte[]>("blob"));
        Assert.All(received, c => Assert.NotNull(c.Transmitted));
    }
}
