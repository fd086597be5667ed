using System.Buffers.Binary;
using Chimera.Media;
using Chimera.Recording;

namespace Chimera.Tests.Recording;

public sealed class AudioRecordingTests
{
    [Fact]
    public async Task SaveAudio_Blocks_SampleCountExactAndHeaderValidAfterClose()
    {
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();
        var block = Enumerable.Range(0, 2 * 441).Select(i => MathF.Sin(i * 0.01f)).ToArray();

        for (var i = 0; i < 10; i++)
        {
            await ctx.SaveAudioAsync("mic", block, channels: 2, sampleRate: 44100);
        }

        ctx.SaveAudio("mic", new short[] { 16384, -16384 }, 2, 44100);
        await fx.CloseAsync();

        var wav = await File.ReadAllBytesAsync(fx.NodeFile("mic.wav"));
        var header = ReadHeader(wav);
        Assert.Equal((3, 2, 44100, 32), (header.Format, header.Channels, header.Rate, header.Bits));
        Assert.Equal(((10 * 441) + 1) * 2 * 4, header.DataBytes);
        Assert.Equal(wav.Length - 8, header.RiffSize);
        Assert.Equal(wav.Length - 44, header.DataBytes);
        Assert.Equal(block[1], BitConverter.ToSingle(wav, 44 + 4));
        Assert.Equal(-0.5f, BitConverter.ToSingle(wav, wav.Length - 4));
    }

    [Fact]
    public async Task SaveAudio_WhileRecording_HeaderPatchedAtEachFlush()
    {
        await using var fx = new RecordingFixture(options: new RecordingOptions { FlushInterval = TimeSpan.FromMilliseconds(20) });
        var ctx = fx.Context();
        await ctx.SaveAudioAsync("mic", new float[100], 1, 8000);

        var path = fx.NodeFile("mic.wav");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var dataBytes = 0L;
        while (DateTime.UtcNow < deadline && dataBytes != 400)
        {
            await Task.Delay(20);
            if (File.Exists(path))
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var head = new byte[44];
                if (file.ReadAtLeast(head, 44, throwOnEndOfStream: false) == 44)
                {
                    dataBytes = ReadHeader(head).DataBytes;
                }
            }
        }

        Assert.Equal(400, dataBytes);
    }

    [Fact]
    public async Task SaveAudio_LayoutChanges_ThrowsNamingStream()
    {
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();
        await ctx.SaveAudioAsync("mic", new float[2], 1, 8000);

        var e = await Assert.ThrowsAsync<ArgumentException>(async () => await ctx.SaveAudioAsync("mic", new float[2], 2, 8000));

        Assert.StartsWith("The stream 'mic' of node 'cam' on worker 'w1' started as 1 ch 8000 Hz audio and got 2 ch 8000 Hz", e.Message);
    }

    [Fact]
    public void Repair_TruncatedWithoutFinalPatch_FixesSizesFromLength()
    {
        var path = Path.Combine(Path.GetTempPath(), "chimera-wav-" + Guid.NewGuid().ToString("N") + ".wav");
        try
        {
            // What a killed writer leaves: the placeholder header (sizes 0), 1000 frames, and half a frame.
            using (var file = File.Create(path))
            {
                file.Write(WavHeader.Create(WavHeader.FormatPcm, 2, 16000, 16, 0));
                file.Write(new byte[(1000 * 4) + 2]);
            }

            var frames = WavRepair.Repair(path);

            var wav = File.ReadAllBytes(path);
            var header = ReadHeader(wav);
            Assert.Equal(1000, frames);
            Assert.Equal(44 + 4000, wav.Length);
            Assert.Equal(4000, header.DataBytes);
            Assert.Equal(wav.Length - 8, header.RiffSize);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Repair_NotWav_Throws()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "hello world, not audio");
            var e = Assert.Throws<InvalidDataException>(() => WavRepair.Repair(path));
            Assert.Contains("does not start with RIFF....WAVE", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Repair_RecorderOutputAfterClose_IsUnchanged()
    {
        await using var fx = new RecordingFixture();
        await fx.Context().SaveAudioAsync("mic", new AudioBlock(new float[30], 3, 48000));
        await fx.CloseAsync();

        Assert.Equal(10, WavRepair.Repair(fx.NodeFile("mic.wav")));
    }

    private static (short Format, short Channels, int Rate, short Bits, long DataBytes, long RiffSize) ReadHeader(ReadOnlySpan<byte> wav)
    {
        Assert.True(wav[..4].SequenceEqual("RIFF"u8) && wav[8..16].SequenceEqual("WAVEfmt "u8) && wav[36..40].SequenceEqual("data"u8));
        return (
            BinaryPrimitives.ReadInt16LittleEndian(wav[20..]),
            BinaryPrimitives.ReadInt16LittleEndian(wav[22..]),
            BinaryPrimitives.ReadInt32LittleEndian(wav[24..]),
            BinaryPrimitives.ReadInt16LittleEndian(wav[34..]),
            BinaryPrimitives.ReadUInt32LittleEndian(wav[40..]),
            BinaryPrimitives.ReadUInt32LittleEndian(wav[4..]));
    }
}
