using System.Net;
using System.Net.Sockets;
using Chimera.Runtime;
using Chimera.Wire;

namespace Chimera.Remote;

internal sealed partial class DataPlane
{
    /// <summary>
    /// Subscribes to an incoming edge: connects to the sending worker's data endpoint, completes the handshake, and
    /// starts the receive loop, which writes the elements into <paramref name="target"/> (created with the edge's own
    /// overflow policy, so drops happen and are counted here) and grants credit as it does.
    /// </summary>
    /// <param name="runId">The committed run (blueprint id).</param>
    /// <param name="edge">The edge, whose <see cref="BlueprintEdge.ToWorker"/> is this worker.</param>
    /// <param name="senderEndpoint">The sending worker's data endpoint, <c>host:port</c>.</param>
    /// <param name="target">The local channel the downstream node reads.</param>
    /// <param name="cancellationToken">Cancels the connect and handshake (not the stream afterwards: withdraw the run for that).</param>
    /// <returns>The edge's handle, once the handshake succeeded.</returns>
    /// <exception cref="RemoteEdgeException">The sender cannot be reached, refused, or broke the handshake; the message names the edge, the peer and the reason. The target is completed with it.</exception>
    public async Task<RemoteEdgeHandle> ConnectAsync(string runId, BlueprintEdge edge, string senderEndpoint, EdgeChannel target, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(senderEndpoint);
        ArgumentNullException.ThrowIfNull(target);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var handle = new RemoteEdgeHandle(runId, edge, RemoteEdgeRole.Receiver, target);
        var incoming = new IncomingEdge(handle, _shutdown.Token);
        var where = RemoteMessages.Where(edge.Id, runId, senderEndpoint, WorkerName);
        FrameConnection? connection = null;
        SocketPipe? pipe = null;
        using var timeout = new CancellationTokenSource(_settings.HandshakeTimeout, _time);
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, incoming.Cancel.Token, timeout.Token);
        try
        {
            var endpoint = ParseEndpoint(edge.Id, senderEndpoint);
            var tls = Certificate is { } certificate
                ? new System.Net.Security.SslClientAuthenticationOptions
                {
                    TargetHost = senderEndpoint[..Math.Max(0, senderEndpoint.LastIndexOf(':'))],
                    RemoteCertificateValidationCallback = (_, peer, _, errors) => certificate.Validate(peer, errors),
                }
                : null;
            pipe = await SocketPipe.ConnectAsync(endpoint, tls, handshake.Token).ConfigureAwait(false);
            connection = new FrameConnection(pipe, senderEndpoint, _codec, _settings, _time);
            await StreamHandshake.ConnectAsync(connection, _authenticator, WorkerName, runId, edge.Id, handshake.Token).ConfigureAwait(false);

            // From here on only the stream's read loop reads: let it run on the receiving thread.
            pipe.InlineReads(connection);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await CloseAsync(connection, pipe).ConfigureAwait(false);
            incoming.Dispose();
            var failure = error switch
            {
                RemoteEdgeException edgeError => edgeError,
                OperationCanceledException => new RemoteEdgeException(RemoteMessages.HandshakeTimedOut(where, _settings.HandshakeTimeout), edge.Id, senderEndpoint, error),
                SocketException => new RemoteEdgeException(RemoteMessages.ConnectFailed(where, error.Message), edge.Id, senderEndpoint, error),
                _ => EdgeFailure.Normalize(error, where, edge.Id, senderEndpoint, _logger),
            };
            RemoteLog.Failed(_logger, failure.Message, failure.InnerException);
            target.Complete(failure);
            handle.TryFail(failure);
            throw failure;
        }
        catch (OperationCanceledException)
        {
            await CloseAsync(connection, pipe).ConfigureAwait(false);
            incoming.Dispose();
            throw;
        }

        lock (_gate)
        {
            // Checked under the lock DisposeAsync takes its snapshot under, so no receive loop can start unowned.
            if (Volatile.Read(ref _disposed) == 0)
            {
                _incoming.Add(incoming);
                incoming.Running = ReceiveAsync(connection, incoming);
                connection = null;
            }
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            incoming.Dispose();
            throw new ObjectDisposedException(nameof(DataPlane));
        }

        RemoteLog.Connected(_logger, edge.Id, runId, WorkerName, RemoteEdgeRole.Receiver, senderEndpoint);

        return handle;
    }

    /// <summary>Runs the receiver until the stream ends, then closes the connection.</summary>
    private async Task ReceiveAsync(FrameConnection connection, IncomingEdge incoming)
    {
        await Task.Yield();
        try
        {
            var receiver = new StreamReceiver(connection, incoming.Handle, WorkerName, _logger);
            await receiver.RunAsync(incoming.Cancel.Token).ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes what a failed connect opened: the connection (which closes its pipe), or the bare pipe.</summary>
    private static async ValueTask CloseAsync(FrameConnection? connection, SocketPipe? pipe)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        else if (pipe is not null)
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads <c>host:port</c> (an IPv6 host in brackets).</summary>
    private static EndPoint ParseEndpoint(string edge, string endpoint)
    {
        if (IPEndPoint.TryParse(endpoint, out var ip) && ip.Port != 0)
        {
            return ip;
        }

        var colon = endpoint.LastIndexOf(':');
        if (colon > 0 && int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
        {
            return new DnsEndPoint(endpoint[..colon], port);
        }

        throw new RemoteEdgeException(RemoteMessages.BadEndpoint(edge, endpoint), edge, endpoint);
    }
}
