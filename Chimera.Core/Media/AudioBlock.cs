namespace Chimera.Media;

/// <summary>
/// A block of audio: interleaved float samples in [-1, 1] for <see cref="Channels"/> channels at
/// <see cref="SampleRate"/> Hz. Registered as <see cref="ContentType.Audio"/>.
/// </summary>
/// <remarks>A block is immutable by contract: whoever creates it must not change the array behind
/// <see cref="Samples"/> afterwards, because downstream nodes and recorders keep it by reference.</remarks>
public sealed class AudioBlock
{
    /// <summary>Registers audio blocks as <see cref="ContentType.Audio"/> before the first block can exist.</summary>
    static AudioBlock() => MediaContentTypes.Register();

    /// <summary>Creates a block over <paramref name="samples"/> (not copied).</summary>
    /// <param name="samples">Interleaved samples; the length must be a multiple of <paramref name="channels"/>.</param>
    /// <param name="channels">The number of channels, 1 to 64.</param>
    /// <param name="sampleRate">Samples per second per channel, 1 to 1,000,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    /// <exception cref="ArgumentException">The sample count is not a multiple of the channel count.</exception>
    public AudioBlock(ReadOnlyMemory<float> samples, int channels, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 1_000_000);
        if (samples.Length % channels != 0)
        {
            throw new ArgumentException(MediaMessages.AudioSamplesNotMultiple(samples.Length, channels), nameof(samples));
        }

        Samples = samples;
        Channels = channels;
        SampleRate = sampleRate;
    }

    /// <summary>Interleaved samples, nominally in [-1, 1] (values outside are clipped when written as 16-bit).</summary>
    public ReadOnlyMemory<float> Samples { get; }

    /// <summary>The number of channels.</summary>
    public int Channels { get; }

    /// <summary>Samples per second per channel.</summary>
    public int SampleRate { get; }

    /// <summary>The number of sample frames (samples per channel).</summary>
    public int FrameCount => Samples.Length / Channels;

    /// <summary>How long the block plays.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);

    /// <summary>Creates a block from 16-bit PCM samples, scaled to [-1, 1) by dividing by 32768.</summary>
    public static AudioBlock FromPcm16(ReadOnlySpan<short> samples, int channels, int sampleRate)
    {
        var floats = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            floats[i] = samples[i] / 32768f;
        }

        return new AudioBlock(floats, channels, sampleRate);
    }

    /// <inheritdoc />
    public override string ToString() => $"AudioBlock({FrameCount} frames, {Channels} ch, {SampleRate} Hz)";
}
