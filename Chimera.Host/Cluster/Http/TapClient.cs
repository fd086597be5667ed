using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Chimera.Cluster.Security;
using Chimera.Wire;

namespace Chimera.Cluster.Http;

/// <summary>
/// Taps over the network: a WebSocket whose binary messages are chunks in the wire codec, one per message. The server
/// side never waits for the client (its tap drops the oldest for a slow reader); the client reads until the node ends.
/// </summary>
internal static class TapClient
{
    private static readonly DataChunkCodec s_codec = new(new WireSettings(), ValueCodecRegistry.Default);

    /// <summary>Reads a tap from another member's control API.</summary>
    /// <param name="client">The member's control client.</param>
    /// <param name="path">The tap's path and query.</param>
    /// <param name="cancellationToken">Ends the reading.</param>
    /// <param name="opened">Called once the WebSocket is accepted, which the member does only after registering the tap.</param>
    public static async IAsyncEnumerable<DataChunk> ReadAsync(ControlClient client, string path, [EnumeratorCancellation] CancellationToken cancellationToken, Action? opened = null)
    {
        using var socket = new ClientWebSocket();
        if (client.Certificate is { } certificate)
        {
            socket.Options.RemoteCertificateValidationCallback = (_, peer, _, errors) => certificate.Validate(peer, errors);
        }

        if (client.Signer is { } signer)
        {
            socket.Options.SetRequestHeader(RequestSigner.HeaderName, signer.Sign("GET", "/" + path.Split('?')[0]));
        }

        var uri = new Uri(client.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal).Replace("https://", "wss://", StringComparison.Ordinal) + "/" + path);
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            throw new ControlApiException($"Cannot open the tap at {uri}: {ex.Message}", null, ex);
        }

        opened?.Invoke();

        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                try
                {
                    result = await socket.ReceiveAsync(buffer.GetMemory(64 * 1024), cancellationToken).ConfigureAwait(false);
                }
                catch (WebSocketException)
                {
                    yield break;
                }

                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                yield break;
            }

            yield return s_codec.Decode(new ReadOnlySequence<byte>(buffer.WrittenMemory), DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Serves chunks on an accepted WebSocket until the source ends or the client leaves; closes cleanly.</summary>
    public static async Task ServeAsync(WebSocket socket, IAsyncEnumerable<DataChunk> chunks, CancellationToken cancellationToken)
    {
        using var output = new PooledBufferWriter();
        try
        {
            await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                output.Clear();
                s_codec.Encode(chunk, output, DateTimeOffset.UtcNow);
                await socket.SendAsync(output.WrittenMemory, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "the node finished", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away, or the member is stopping.
        }
    }
}
