using System.IO.Pipelines;
using System.Net.Sockets;
using Chimera.Runtime;
using Chimera.Wire;

namespace Chimera.Remote;

internal sealed partial class DataPlane
{
    /// <summary>
    /// Offers an outgoing edge of <paramref name="runId"/>: the receiving worker may now connect and subscribe, and
    /// the sender will drain <paramref name="source"/> (which the caller creates with the Backpressure policy, so the
    /// producer waits when the receiver gives no credit). The subscription timeout starts now.
    /// </summary>
    /// <returns>The edge's handle: its completion and metrics.</returns>
    /// <exception cref="InvalidOperationException">The edge is already offered for this run.</exception>
    public RemoteEdgeHandle Offer(string runId, BlueprintEdge edge, EdgeChannel source)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var offered = new OutgoingEdge(runId, edge, source);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
            if (_outgoing.Any(e => e.RunId == runId && e.EdgeId == edge.Id))
            {
                throw new InvalidOperationException(RemoteMessages.AlreadyOffered(edge.Id, runId, WorkerName));
            }

            _outgoing.Add(offered);
            offered.SubscriptionTimer = _time.CreateTimer(
                static state => ((DataPlane)((object[])state!)[0]).OnSubscriptionTimeout((OutgoingEdge)((object[])state)[1]),
                new object[] { this, offered },
                _settings.SubscriptionTimeout,
                Timeout.InfiniteTimeSpan);
        }

        return offered.Handle;
    }

    /// <summary>Serves one data connection: handshake, then the sender protocol for the claimed edge.</summary>
    /// <param name="transport">The connection's pipe.</param>
    /// <param name="peer">The peer's address.</param>
    /// <param name="peerIsLoopback">Whether the peer is on this machine.</param>
    /// <param name="connectionClosed">Fires when the transport closes.</param>
    /// <param name="socket">
    /// The connection's socket when the transport has one (Kestrel's socket transport): on a plain connection the
    /// sender writes to it directly once the receiver has answered (<see cref="FrameConnection.SendDirectlyOnceHeard"/>),
    /// so large values are not copied into the transport's pipe first, unless <see cref="RemoteSettings.WriteToSocket"/>
    /// is off.
    /// </param>
    internal async Task ServeAsync(IDuplexPipe transport, string peer, bool peerIsLoopback, CancellationToken connectionClosed, Socket? socket = null)
    {
        var connection = new FrameConnection(transport, peer, _codec, _settings, _time);
        OutgoingEdge? claimed = null;
        try
        {
            HandshakeOutcome outcome;
            using (var timeout = new CancellationTokenSource(_settings.HandshakeTimeout, _time))
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token, connectionClosed, timeout.Token))
            {
                try
                {
                    outcome = await StreamHandshake.AcceptAsync(connection, _authenticator, peerIsLoopback, hello => Claim(hello, out claimed), handshake.Token).ConfigureAwait(false);
                }
                catch (Exception error) when (error is WireFormatException or IOException or OperationCanceledException or InvalidOperationException)
                {
                    var reason = error is OperationCanceledException && !_shutdown.IsCancellationRequested
                        ? RemoteMessages.HandshakeTimeoutReason(_settings.HandshakeTimeout)
                        : error.Message;
                    RemoteLog.HandshakeFailed(_logger, peer, WorkerName, reason);
                    if (claimed is not null)
                    {
                        var failure = new RemoteEdgeException(RemoteMessages.HandshakeFailed(RemoteMessages.Where(claimed.EdgeId, claimed.RunId, peer, WorkerName), reason), claimed.EdgeId, peer, error);
                        claimed.Handle.Channel.Complete(failure);
                        claimed.Handle.TryFail(failure);
                    }

                    return;
                }
            }

            if (!outcome.Accepted)
            {
                RemoteLog.Refused(_logger, peer, outcome.Hello.Worker, outcome.Hello.EdgeId, outcome.Hello.RunId, WorkerName, outcome.Refusal!);
                return;
            }

            var edge = claimed!;
            RemoteLog.Connected(_logger, edge.EdgeId, edge.RunId, WorkerName, RemoteEdgeRole.Sender, peer);
            using var run = CancellationTokenSource.CreateLinkedTokenSource(edge.Cancel.Token, _shutdown.Token);
            if (socket is not null && Certificate is null && _settings.WriteToSocket)
            {
                connection.SendDirectlyOnceHeard(new NetworkStream(socket, ownsSocket: false));
            }

            using var sender = new StreamSender(connection, edge.Handle, WorkerName, _logger);
            await sender.RunAsync(run.Token).ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            claimed?.MarkStopped();
        }
    }

    /// <summary>Gives the edge a receiver names to it, if it is offered here, for that run, to that worker, and free.</summary>
    private string? Claim(HandshakeMessage hello, out OutgoingEdge? claimed)
    {
        claimed = null;
        lock (_gate)
        {
            var sameEdge = _outgoing.Where(e => e.EdgeId == hello.EdgeId).ToList();
            var offered = sameEdge.FirstOrDefault(e => e.RunId == hello.RunId);
            if (offered is null)
            {
                return sameEdge.Count == 0
                    ? RemoteMessages.RefuseUnknownEdge(hello.EdgeId, hello.RunId)
                    : RemoteMessages.RefuseStaleRun(hello.EdgeId, hello.RunId, sameEdge[^1].RunId);
            }

            if (offered.Handle.Edge.ToWorker != hello.Worker)
            {
                return RemoteMessages.RefuseWrongWorker(hello.EdgeId, offered.Handle.Edge.ToWorker, hello.Worker);
            }

            if (offered.Subscribed)
            {
                return RemoteMessages.RefuseAlreadySubscribed(hello.EdgeId, hello.RunId);
            }

            // Closed while still offered: only the subscription timeout does that (withdrawing removes the edge).
            if (offered.Closed)
            {
                return RemoteMessages.RefuseSubscriptionTimedOut(hello.EdgeId, hello.RunId, _settings.SubscriptionTimeout);
            }

            // Once subscribed, the subscription timeout can no longer fire for this edge: the flag is checked under this lock.
            offered.Subscribed = true;
            offered.SubscriptionTimer?.Dispose();
            claimed = offered;
            return null;
        }
    }

    /// <summary>Fails an offered edge that nobody subscribed to in time.</summary>
    private void OnSubscriptionTimeout(OutgoingEdge edge)
    {
        lock (_gate)
        {
            if (edge.Subscribed || edge.Closed)
            {
                return;
            }

            edge.Closed = true;
        }

        var message = RemoteMessages.SubscriptionTimedOut(edge.EdgeId, edge.RunId, WorkerName, edge.Handle.Edge.ToWorker, _settings.SubscriptionTimeout);
        var failure = new RemoteEdgeException(message, edge.EdgeId, null);
        RemoteLog.SubscriptionTimedOut(_logger, message);
        edge.Handle.Channel.Complete(failure);
        edge.Handle.TryFail(failure);
        edge.MarkStopped();
    }
}
