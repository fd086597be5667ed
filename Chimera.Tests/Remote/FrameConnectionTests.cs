using Chimera.Remote;
using Chimera.Wire;

namespace Chimera.Tests.Remote;

/// <summary>
/// The sending side's switch from the transport's pipe to its own socket: nothing may be written until the partner
/// has been heard (so nothing can overtake bytes still in the pipe), and everything after goes to the socket.
/// </summary>
public sealed class FrameConnectionTests
{
    [Fact]
    public async Task SendDirectlyOnceHeard_WritesNothingUntilThePartnerIsHeard_ThenEverythingGoesToTheSocket()
    {
        var settings = RemoteTestKit.Settings();
        var (near, far) = RemoteTestKit.PipePair(unbounded: true);
        var socket = new MemoryStream();
        await using var connection = RemoteTestKit.Connection(near, settings, "w2");
        connection.SendDirectlyOnceHeard(socket);

        Assert.False(connection.PrepareOutput());
        Assert.Null(connection.DirectStream);

        using var stop = new CancellationTokenSource();
        var reading = connection.ReadLoopAsync(_ => false, stop.Token);
        using (var partner = new FrameWriter(RemoteTestKit.Codec(settings)))
        {
            partner.WriteDemand(far.Output, 10);
            await far.Output.FlushAsync();
        }

        await connection.WriteSignal.WaitAsync(CancellationToken.None).WithTimeout();
        Assert.True(connection.PrepareOutput());
        Assert.Same(socket, connection.DirectStream);

        connection.Writer.WritePing(connection.Output, 7);
        await connection.FlushAsync(CancellationToken.None);
        await connection.WriteDirectAsync(new byte[100], CancellationToken.None);

        Assert.Equal(FrameHeader.Size + sizeof(long) + 100, socket.Length);
        Assert.False(far.Input.TryRead(out _), "nothing went through the pipe after the switch");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading).WithTimeout();
    }

    [Fact]
    public async Task WithoutASocket_OutputStaysThePipe()
    {
        var settings = RemoteTestKit.Settings();
        var (near, far) = RemoteTestKit.PipePair(unbounded: true);
        await using var connection = RemoteTestKit.Connection(near, settings, "w2");

        Assert.True(connection.PrepareOutput());
        connection.Writer.WritePing(connection.Output, 7);
        await connection.FlushAsync(CancellationToken.None);

        Assert.Null(connection.DirectStream);
        var read = await far.Input.ReadAsync().AsTask().WithTimeout();
        Assert.Equal(FrameHeader.Size + sizeof(long), read.Buffer.Length);
        far.Input.AdvanceTo(read.Buffer.End);
    }
}
