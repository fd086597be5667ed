using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>
/// A source of sine-wave audio: <see cref="AudioBlock"/>s of <see cref="BlockSize"/> frames, paced in real time on the
/// node's clock (one block every BlockSize / SampleRate seconds), with continuous phase across blocks.
/// </summary>
public sealed class SineAudio : Node
{
    /// <summary>Paces the blocks.</summary>
    private Pacer? _pacer;

    /// <summary>Blocks produced so far.</summary>
    private long _blocks;

    /// <summary>The sample index of the next block's first frame.</summary>
    private long _position;

    /// <summary>The tone's frequency in Hz. Defaults to 440 (concert A).</summary>
    public double Frequency { get; set; } = 440;

    /// <summary>The peak amplitude, 0 to 1. Defaults to 0.5.</summary>
    public double Amplitude { get; set; } = 0.5;

    /// <summary>Samples per second per channel. Defaults to 48,000.</summary>
    public int SampleRate { get; set; } = 48_000;

    /// <summary>The number of channels (all carry the same tone). Defaults to 1.</summary>
    public int Channels { get; set; } = 1;

    /// <summary>Frames per block. Defaults to 1,024 (about 21 ms at 48 kHz).</summary>
    public int BlockSize { get; set; } = 1024;

    /// <summary>How many blocks to produce before the stream ends, or <see langword="null"/> (the default) for no end.</summary>
    public int? Count { get; set; }

    /// <summary>Whether to skip real-time pacing (for tests and offline pipelines). Defaults to <see langword="false"/>.</summary>
    public bool AsFastAsPossible { get; set; }

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        SourceSettings.CheckRate(Name, nameof(Frequency), Frequency);
        SourceSettings.CheckRange(Name, nameof(SampleRate), SampleRate, 1, 1_000_000);
        SourceSettings.CheckRange(Name, nameof(Channels), Channels, 1, 64);
        SourceSettings.CheckRange(Name, nameof(BlockSize), BlockSize, 1, 1 << 20);
        if (!double.IsFinite(Amplitude) || Amplitude is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Amplitude), NodeMessages.Invalid(Name, nameof(Amplitude), Amplitude, "0 to 1"));
        }

        if (Count is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), NodeMessages.Invalid(Name, nameof(Count), Count, "null or a count >= 0"));
        }

        _pacer = new Pacer(Context.Clock, (double)SampleRate / BlockSize);
        _blocks = 0;
        _position = 0;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (Count is { } count && _blocks >= count)
        {
            Context.EndStream();
            return null;
        }

        if (!AsFastAsPossible)
        {
            await _pacer!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var samples = new float[BlockSize * Channels];
        var step = 2 * Math.PI * Frequency / SampleRate;
        for (var i = 0; i < BlockSize; i++)
        {
            var value = (float)(Amplitude * Math.Sin(step * (_position + i)));
            samples.AsSpan(i * Channels, Channels).Fill(value);
        }

        _position += BlockSize;
        _blocks++;
        if (Count is { } total && _blocks >= total)
        {
            Context.EndStream();
        }

        return new AudioBlock(samples, Channels, SampleRate);
    }
}
