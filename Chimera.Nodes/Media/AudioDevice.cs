using System.Globalization;
using System.Runtime.InteropServices;
using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>
/// A source of audio from a PulseAudio or ALSA input through ffmpeg: <see cref="AudioBlock"/>s of
/// <see cref="BlockSize"/> frames, paced by the device.
/// </summary>
/// <remarks>Fails at setup with a clear message when the backend is absent (no <c>/dev/snd</c> for an ALSA sound card,
/// no server socket for PulseAudio). Needs the Debian package <c>ffmpeg</c>.</remarks>
public sealed class AudioDevice : Node
{
    /// <summary>
    /// ALSA devices that are plugins in software rather than a sound card, so they work without <c>/dev/snd</c>: the
    /// <c>null</c> device and the bridges to PulseAudio and JACK.
    /// </summary>
    private static readonly string[] SoftwareAlsaDevices = ["null", "pulse", "jack"];

    /// <summary>The capture, between setup and teardown.</summary>
    private FfmpegReader? _reader;

    /// <summary>The audio system: <c>pulse</c> (the default) or <c>alsa</c>.</summary>
    public string Backend { get; set; } = "pulse";

    /// <summary>
    /// The input device within the backend. Defaults to <c>default</c>. ALSA's software devices (<c>null</c>,
    /// <c>pulse</c>, <c>jack</c>) need no sound card, so they are accepted where <c>/dev/snd</c> is absent.
    /// </summary>
    public string Device { get; set; } = "default";

    /// <summary>Samples per second per channel. Defaults to 48,000.</summary>
    public int SampleRate { get; set; } = 48_000;

    /// <summary>The number of channels. Defaults to 1.</summary>
    public int Channels { get; set; } = 1;

    /// <summary>Frames per block. Defaults to 1,024.</summary>
    public int BlockSize { get; set; } = 1024;

    /// <summary>The ffmpeg program. Defaults to <c>ffmpeg</c> on PATH.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        SourceSettings.CheckRange(Name, nameof(SampleRate), SampleRate, 1, 1_000_000);
        SourceSettings.CheckRange(Name, nameof(Channels), Channels, 1, 64);
        SourceSettings.CheckRange(Name, nameof(BlockSize), BlockSize, 1, 1 << 20);
        var backend = Backend.Trim().ToLowerInvariant();
        if (MissingReason(backend) is { } reason)
        {
            throw new InvalidOperationException(NodeMessages.NoAudio(Name, backend, reason));
        }

        _reader = FfmpegReader.Start(
            FfmpegPath,
            [
                "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", backend, "-i", Device,
                "-vn", "-f", "f32le", "-acodec", "pcm_f32le",
                "-ac", Channels.ToString(CultureInfo.InvariantCulture), "-ar", SampleRate.ToString(CultureInfo.InvariantCulture), "pipe:1",
            ],
            $"ffmpeg capturing {backend} device '{Device}' for node '{Name}'");
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var samples = new float[BlockSize * Channels];
        var bytes = new byte[samples.Length * sizeof(float)];
        if (!await _reader!.ReadAsync(bytes, cancellationToken).ConfigureAwait(false))
        {
            throw await _reader.DeviceEndedAsync(Name, cancellationToken).ConfigureAwait(false);
        }

        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(samples);
        return new AudioBlock(samples, Channels, SampleRate);
    }

    /// <inheritdoc />
    public override async ValueTask TeardownAsync(CancellationToken cancellationToken)
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
            _reader = null;
        }
    }

    /// <summary>Why the backend cannot work here, or <see langword="null"/> when it looks available.</summary>
    private string? MissingReason(string backend)
    {
        switch (backend)
        {
            case "alsa":
                return Directory.Exists("/dev/snd") || SoftwareAlsaDevices.Contains(Device.Trim(), StringComparer.Ordinal) ? null : "/dev/snd does not exist";
            case "pulse":
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PULSE_SERVER")))
                {
                    return null;
                }

                var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
                return (runtime is not null && File.Exists(Path.Combine(runtime, "pulse", "native"))) || File.Exists("/run/pulse/native")
                    ? null
                    : "no PulseAudio server: PULSE_SERVER is not set and there is no pulse/native socket in XDG_RUNTIME_DIR or /run/pulse";
            default:
                return $"'{backend}' is not a supported backend; use pulse or alsa";
        }
    }
}
