using System.IO.Pipelines;
using System.Net.Sockets;

namespace Chimera.Remote;

/// <summary>
/// A connected socket as a duplex pipe, for the receiving side (the sending side gets Kestrel's). Completing both
/// halves disposes the stream and with it the socket.
/// </summary>
internal sealed class SocketPipe : IDuplexPipe
{
    /// <summary>Wraps <paramref name="socket"/>, which the pipe then owns.</summary>
    public SocketPipe(Socket socket, int minimumBufferSize = 64 * 1024)
        : this(new NetworkStream(socket, ownsSocket: true), minimumBufferSize)
    {
    }

    /// <summary>Wraps a connected stream (a TLS stream over the socket), which the pipe then owns.</summary>
    public SocketPipe(Stream stream, int minimumBufferSize = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: minimumBufferSize, minimumReadSize: 4096));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: minimumBufferSize));
    }

    /// <inheritdoc />
    public PipeReader Input { get; }

    /// <inheritdoc />
    public PipeWriter Output { get; }
}
