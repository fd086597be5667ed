using System.Globalization;

namespace Chimera.Remote;

/// <summary>
/// Every message stream references put in an exception or a refusal, in one place so tests can assert them. Each
/// names the edge, the run, the peer and the worker, and says what to check.
/// </summary>
internal static class RemoteMessages
{
    /// <summary>The reason given when the run is withdrawn while an edge is still running.</summary>
    public const string Withdrawn = "the run was withdrawn (reset) on this worker.";

    /// <summary>Where a failure happened: edge, run, peer and local worker.</summary>
    public static string Where(string edge, string runId, string? peer, string worker) =>
        $"Edge '{edge}' of run {runId} (peer {peer ?? "none"}, worker '{worker}')";

    /// <summary>The partner sent nothing for longer than the deadline.</summary>
    public static string PartnerSilent(string where, TimeSpan silence, TimeSpan deadline) =>
        Invariant($"{where}: no frame from the partner for {silence.TotalSeconds:0.0##} s, longer than chimera.remote.final-termination-deadline = {deadline.TotalSeconds:0.0##} s; the partner is presumed dead.");

    /// <summary>An element arrived ahead of its turn.</summary>
    public static string SequenceGap(string where, long expected, long actual) =>
        Invariant($"{where}: sequence gap: element {actual} arrived but element {expected} was expected, so {actual - expected} elements are missing.");

    /// <summary>An element arrived a second time.</summary>
    public static string SequenceDuplicate(string where, long expected, long actual) =>
        Invariant($"{where}: duplicate element: element {actual} arrived again (element {expected} was expected next).");

    /// <summary>The sender sent beyond the receiver's cumulative demand.</summary>
    public static string CreditExceeded(string where, long last, long demand) =>
        Invariant($"{where}: the sender sent element {last} beyond the granted demand of {demand} elements.");

    /// <summary>The completion frame does not match what was received.</summary>
    public static string CompletionMismatch(string where, long lastSent, long lastReceived) =>
        Invariant($"{where}: the sender completed after element {lastSent} but the last element received was {lastReceived}.");

    /// <summary>A frame published on an edge to another worker had gone back to the pool before the edge could hold it.</summary>
    public static string FrameDisposedBeforeSent(string record, string edge, string toWorker) =>
        $"Record '{record}' holds an ImageFrame that was disposed before edge '{edge}' could send it to worker '{toWorker}'. A node must not dispose a frame it emits or returns (disposing at the end of the step, or with 'using', runs before the runtime publishes it); dispose it downstream, where it is consumed.";

    /// <summary>The sending side failed and said why.</summary>
    public static string UpstreamFailed(string where, string reason) => $"{where}: the sending side failed: {reason}";

    /// <summary>The receiving side cancelled and said why.</summary>
    public static string Cancelled(string where, string reason) => $"{where}: the receiving side cancelled the stream: {reason}";

    /// <summary>The sender's connection ended without a completion or failure frame.</summary>
    public static string ClosedWithoutCompletion(string where) =>
        $"{where}: the sender's connection closed before the stream completed (no Complete or Fail frame arrived).";

    /// <summary>The receiver's connection ended before the stream completed.</summary>
    public static string ReceiverClosed(string where) =>
        $"{where}: the receiver closed the connection before the stream completed.";

    /// <summary>A frame of a type that side never sends.</summary>
    public static string UnexpectedFrame(string where, string type) =>
        $"{where}: protocol violation: unexpected {type} frame from the partner.";

    /// <summary>Bytes from the partner could not be decoded.</summary>
    public static string Malformed(string where, string reason) => $"{where}: malformed data from the partner: {reason}";

    /// <summary>An element could not be encoded, so the edge cannot carry it.</summary>
    public static string EncodeFailed(string where, long sequence, string reason) =>
        Invariant($"{where}: element {sequence} could not be encoded: {reason}");

    /// <summary>The upstream failure as one line for a Fail frame.</summary>
    public static string UpstreamReason(Exception error) => $"{error.GetType().Name}: {error.Message}";

    /// <summary>Nobody subscribed to an offered edge in time.</summary>
    public static string SubscriptionTimedOut(string edge, string runId, string worker, string receiver, TimeSpan timeout) =>
        Invariant($"Edge '{edge}' of run {runId} (worker '{worker}'): no receiver subscribed within {timeout.TotalSeconds:0.0##} s (chimera.remote.subscription-timeout); check that worker '{receiver}' is running and can reach this worker's data port.");

    /// <summary>The sender refused the receiver's handshake.</summary>
    public static string Refused(string edge, string runId, string peer, string worker, string reason) =>
        $"Edge '{edge}' of run {runId}: the sender at {peer} refused worker '{worker}': {reason}";

    /// <summary>The handshake did not finish in time.</summary>
    public static string HandshakeTimedOut(string where, TimeSpan timeout) =>
        Invariant($"{where}: the handshake did not finish within {timeout.TotalSeconds:0.0##} s (chimera.remote.handshake-timeout).");

    /// <summary>The handshake broke off or carried the wrong message.</summary>
    public static string HandshakeFailed(string where, string reason) => $"{where}: handshake failed: {reason}";

    /// <summary>The sender endpoint is not host:port.</summary>
    public static string BadEndpoint(string edge, string endpoint) =>
        $"Edge '{edge}': the sender's data endpoint '{endpoint}' is not 'host:port'.";

    /// <summary>The receiver could not reach the sender.</summary>
    public static string ConnectFailed(string where, string reason) => $"{where}: could not connect to the sender: {reason}";

    /// <summary>The connection broke (reset, closed, disposed).</summary>
    public static string ConnectionLost(string where, string reason) => $"{where}: the connection was lost: {reason}";

    /// <summary>Something unexpected stopped the edge.</summary>
    public static string Unexpected(string where, Exception error) => $"{where}: {error.GetType().Name}: {error.Message}";

    /// <summary>A protocol loop stopped on its own, which only a bug can cause.</summary>
    public static string LoopEndedEarly(string where) => $"{where}: a receiver loop ended before the stream did.";

    /// <summary>A frame other than a handshake arrived during the handshake.</summary>
    public static string ExpectedHandshakeFrame(string type) => $"Expected a Handshake frame but got a {type} frame.";

    /// <summary>The handshake carried another message than the protocol's next one.</summary>
    public static string ExpectedHandshakeMessage(string expected, string actual) => $"Expected a {expected} handshake message but got {actual}.";

    /// <summary>A handshake kind byte is unknown.</summary>
    public static string UnknownHandshakeKind(byte kind) => Invariant($"{kind} is not a known handshake message.");

    /// <summary>The partner closed during the handshake.</summary>
    public const string ClosedDuringHandshake = "The partner closed the connection during the handshake.";

    /// <summary>The partner closed with part of a frame unread.</summary>
    public const string ClosedMidFrame = "The connection closed in the middle of a frame.";

    /// <summary>The partner stopped reading.</summary>
    public const string PartnerStoppedReading = "The partner stopped reading the connection.";

    /// <summary>The listener-side handshake timed out (no edge known yet).</summary>
    public static string HandshakeTimeoutReason(TimeSpan timeout) =>
        Invariant($"the handshake did not finish within {timeout.TotalSeconds:0.0##} s (chimera.remote.handshake-timeout).");

    /// <summary>An edge was offered twice for one run.</summary>
    public static string AlreadyOffered(string edge, string runId, string worker) =>
        $"Edge '{edge}' of run {runId} is already offered on worker '{worker}'; offer each remote output once per run.";

    /// <summary>The data plane was started twice.</summary>
    public static string AlreadyListening(string worker, string? endpoint) =>
        $"The data plane of worker '{worker}' is already listening on {endpoint}; start it once.";

    /// <summary>Refusal: the edge is not offered here at all.</summary>
    public static string RefuseUnknownEdge(string edge, string runId) =>
        $"unknown edge: no edge '{edge}' is offered here for run {runId}.";

    /// <summary>Refusal: the edge is offered, but for another run.</summary>
    public static string RefuseStaleRun(string edge, string runId, string currentRunId) =>
        $"stale run: edge '{edge}' is offered here for run {currentRunId}, not run {runId}; the receiver holds an old blueprint.";

    /// <summary>Refusal: the proof does not match.</summary>
    public const string RefuseWrongSecret =
        "wrong secret: the HMAC proof does not match; give every worker the same cluster secret.";

    /// <summary>Refusal: no secret configured and the peer is not on this machine.</summary>
    public static string RefuseNotLoopback(string peer) =>
        $"wrong secret: no cluster secret is configured, so only loopback peers are accepted and {peer} is not one; configure the cluster secret on every worker.";

    /// <summary>Refusal: someone already receives this edge.</summary>
    public static string RefuseAlreadySubscribed(string edge, string runId) =>
        $"edge already subscribed: edge '{edge}' of run {runId} already has a receiver.";

    /// <summary>Refusal: nobody subscribed in time, so the sender failed the edge before this receiver came.</summary>
    public static string RefuseSubscriptionTimedOut(string edge, string runId, TimeSpan timeout) =>
        Invariant($"subscription timed out: edge '{edge}' of run {runId} had no receiver within {timeout.TotalSeconds:0.0##} s (chimera.remote.subscription-timeout) and has failed; this receiver came too late.");

    /// <summary>Refusal: the edge goes to another worker.</summary>
    public static string RefuseWrongWorker(string edge, string expected, string actual) =>
        $"wrong worker: edge '{edge}' is received by worker '{expected}', not '{actual}'.";

    /// <summary>Refusal: the stream protocol version is unknown.</summary>
    public static string RefuseVersion(int version, int current) =>
        Invariant($"unsupported stream protocol version {version}; this worker speaks version {current}. Run the same Chimera release on every worker.");

    /// <summary>Formats with the invariant culture.</summary>
    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
