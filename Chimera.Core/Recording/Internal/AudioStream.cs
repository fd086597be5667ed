using System.Buffers;
using System.Runtime.InteropServices;
using Chimera.Media;

namespace Chimera.Recording;

/// <summary>
/// <see cref="RecordingKind.Audio"/>: <c>name.wav</c>, 32-bit float PCM (lossless for Chimera's float samples). The
/// header is written with zero sizes at the start and patched at every flush and on close, so after a kill -9 the
/// file is readable up to the last flush (and <see cref="WavRepair"/> recovers the rest).
/// </summary>
internal sealed class AudioStream : RecordingStream
{
    /// <summary>The first block's channels and rate, which the file keeps.</summary>
    private (int Channels, int SampleRate)? _layout;

    /// <summary>The open file, after the first write.</summary>
    private FileStream? _file;

    /// <summary>Sample bytes written so far.</summary>
    private long _dataBytes;

    /// <summary>Whether the header sizes lag behind the data.</summary>
    private bool _headerStale;

    /// <summary>Creates the stream.</summary>
    public AudioStream(StreamLocation location, RecordingOptions options)
        : base(location, RecordingKind.Audio, options)
    {
    }

    /// <inheritdoc />
    protected override string MainPath => Location.PathFor(".wav");

    /// <inheritdoc />
    protected override object Prepare(object value)
    {
        if (value is not AudioBlock block)
        {
            throw new ArgumentException(RecordingMessages.WrongValue(Location.ToString(), Kind, value, "an AudioBlock"), nameof(value));
        }

        _layout ??= (block.Channels, block.SampleRate);
        if (_layout != (block.Channels, block.SampleRate))
        {
            throw new ArgumentException(RecordingMessages.AudioChanged(Location.ToString(), $"{_layout.Value.Channels} ch {_layout.Value.SampleRate} Hz", $"{block.Channels} ch {block.SampleRate} Hz"), nameof(value));
        }

        var bytes = MemoryMarshal.AsBytes(block.Samples.Span);
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(1, bytes.Length));
        bytes.CopyTo(copy);
        return new Pcm(copy, bytes.Length);
    }

    /// <inheritdoc />
    protected override void Release(object prepared) => ArrayPool<byte>.Shared.Return(((Pcm)prepared).Buffer);

    /// <inheritdoc />
    protected override async ValueTask WriteAsync(object prepared, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        if (_file is null)
        {
            _file = RecordingFiles.Create(MainPath);
            await _file.WriteAsync(WavHeader.Create(WavHeader.FormatFloat, _layout!.Value.Channels, _layout.Value.SampleRate, 32, 0), cancellationToken).ConfigureAwait(false);
        }

        var pcm = (Pcm)prepared;
        await _file.WriteAsync(pcm.Buffer.AsMemory(0, pcm.Length), cancellationToken).ConfigureAwait(false);
        _dataBytes += pcm.Length;
        _headerStale = true;
    }

    /// <inheritdoc />
    protected override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_file is null)
        {
            return;
        }

        if (_headerStale)
        {
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
            WavHeader.Patch(_file, WavHeader.Length, _dataBytes);
            _headerStale = false;
        }

        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await AbortAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask AbortAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
            _file = null;
        }
    }

    /// <summary>A copy of one block's samples as little-endian float bytes.</summary>
    private sealed record Pcm(byte[] Buffer, int Length);
}
