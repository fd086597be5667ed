using System.Buffers;
using Chimera.Wire;

namespace Chimera.Remote;

/// <summary>
/// One handshake message and its payload layout: a <see cref="HandshakeKind"/> byte, then for Hello a version byte and
/// three length-prefixed UTF-8 strings (worker, run, edge), for Challenge/Proof/Refuse one string. Strings are capped
/// by <see cref="WireSettings.MaxNameLength"/> (reasons by <see cref="WireSettings.MaxReasonLength"/>).
/// </summary>
/// <param name="Kind">Which message.</param>
/// <param name="Version">Hello only: the receiver's stream protocol version.</param>
/// <param name="Worker">Hello only: the receiving worker's name.</param>
/// <param name="RunId">Hello only: the run (blueprint id).</param>
/// <param name="EdgeId">Hello only: the edge id.</param>
/// <param name="Text">The nonce, the proof or the refusal reason.</param>
internal sealed record HandshakeMessage(HandshakeKind Kind, byte Version = 0, string Worker = "", string RunId = "", string EdgeId = "", string Text = "")
{
    /// <summary>What errors call a handshake payload.</summary>
    private const string What = "handshake";

    /// <summary>Builds the receiver's Hello.</summary>
    public static HandshakeMessage Hello(string worker, string runId, string edgeId) =>
        new(HandshakeKind.Hello, (byte)StreamProtocolVersion.V1, worker, runId, edgeId);

    /// <summary>The context a proof authorizes: the stream of one edge of one run.</summary>
    public static string ProofContext(string runId, string edgeId) => $"stream|{runId}|{edgeId}";

    /// <summary>Encodes the payload into <paramref name="output"/>.</summary>
    /// <exception cref="WireFormatException">A string exceeds its cap.</exception>
    public void Encode(IBufferWriter<byte> output, WireSettings settings)
    {
        PayloadWriter.WriteByte(output, (byte)Kind);
        switch (Kind)
        {
            case HandshakeKind.Hello:
                PayloadWriter.WriteByte(output, Version);
                PayloadWriter.WriteString(output, Worker, "worker name", settings.MaxNameLength, "max-name-length");
                PayloadWriter.WriteString(output, RunId, "run id", settings.MaxNameLength, "max-name-length");
                PayloadWriter.WriteString(output, EdgeId, "edge id", settings.MaxNameLength, "max-name-length");
                break;
            case HandshakeKind.Refuse:
                PayloadWriter.WriteString(output, Truncate(Text, settings.MaxReasonLength / 4), "reason", settings.MaxReasonLength, "max-reason-length");
                break;
            case HandshakeKind.Challenge or HandshakeKind.Proof:
                PayloadWriter.WriteString(output, Text, Kind == HandshakeKind.Proof ? "proof" : "nonce", settings.MaxNameLength, "max-name-length");
                break;
        }
    }

    /// <summary>Decodes an untrusted handshake payload.</summary>
    /// <exception cref="WireFormatException">The payload is malformed, truncated or over a cap.</exception>
    public static HandshakeMessage Decode(ReadOnlySequence<byte> payload, WireSettings settings)
    {
        var reader = new PayloadReader(payload, What);
        var kind = (HandshakeKind)reader.ReadByte("kind");
        HandshakeMessage message = kind switch
        {
            HandshakeKind.Hello => new HandshakeMessage(
                kind,
                reader.ReadByte("version"),
                reader.ReadName("worker name", settings.MaxNameLength, "max-name-length"),
                reader.ReadName("run id", settings.MaxNameLength, "max-name-length"),
                reader.ReadName("edge id", settings.MaxNameLength, "max-name-length")),
            HandshakeKind.Challenge => new HandshakeMessage(kind, Text: reader.ReadName("nonce", settings.MaxNameLength, "max-name-length")),
            HandshakeKind.Proof => new HandshakeMessage(kind, Text: reader.ReadString("proof", settings.MaxNameLength, "max-name-length")),
            HandshakeKind.Accept => new HandshakeMessage(kind),
            HandshakeKind.Refuse => new HandshakeMessage(kind, Text: reader.ReadString("reason", settings.MaxReasonLength, "max-reason-length")),
            _ => throw new WireFormatException(WireMessages.InvalidValue("handshake kind", RemoteMessages.UnknownHandshakeKind((byte)kind))),
        };
        reader.EnsureEnd();
        return message;
    }

    /// <summary>Cuts a reason to a length whose UTF-8 form surely fits the cap (4 bytes per char at most).</summary>
    private static string Truncate(string text, int maxChars) => text.Length <= maxChars ? text : text[..maxChars];
}
