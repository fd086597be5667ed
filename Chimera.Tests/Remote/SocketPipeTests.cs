using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Chimera.Remote;

namespace Chimera.Tests.Remote;

/// <summary>The receiving side's socket pipe: its own receiving thread must end with it, whatever the partner does.</summary>
public sealed class SocketPipeTests
{
    [Fact]
    public async Task Connected_BytesFromThePartner_ArriveOnInput_AndWritesReachIt()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptSocketAsync();
        await using var pipe = await SocketPipe.ConnectAsync(listener.LocalEndpoint, null, CancellationToken.None).WithTimeout();
        using var partner = await accepted.WithTimeout();

        await partner.SendAsync("ping"u8.ToArray());
        var read = await pipe.Input.ReadAsync().AsTask().WithTimeout();
        Assert.Equal("ping"u8.ToArray(), read.Buffer.ToArray());
        pipe.Input.AdvanceTo(read.Buffer.End);

        await pipe.Output.WriteAsync("pong"u8.ToArray());
        var buffer = new byte[4];
        Assert.Equal(4, await partner.ReceiveAsync(buffer).WithTimeout());
        Assert.Equal("pong"u8.ToArray(), buffer);
    }

    [Fact]
    public async Task DirectOffer_ReceivesStraightIntoTheOfferedBytes_AndTheRestThroughThePipe()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptSocketAsync();
        await using var pipe = await SocketPipe.ConnectAsync(listener.LocalEndpoint, null, CancellationToken.None).WithTimeout();
        using var partner = await accepted.WithTimeout();
        var target = new OneOffer(10);

        // The thread is in its first receive, into the pipe; it looks for an offer once that returns.
        pipe.InlineReads(target);
        await partner.SendAsync("xyz"u8.ToArray());
        await target.Taken.WithTimeout();
        await partner.SendAsync("0123456789ABCDE"u8.ToArray());
        await target.Filled.WithTimeout();

        Assert.Equal("0123456789"u8.ToArray(), target.Bytes);
        var piped = new List<byte>();
        while (piped.Count < 8)
        {
            var read = await pipe.Input.ReadAsync().AsTask().WithTimeout();
            piped.AddRange(read.Buffer.ToArray());
            pipe.Input.AdvanceTo(read.Buffer.End);
        }

        Assert.Equal("xyzABCDE"u8.ToArray(), piped.ToArray());
    }

    [Fact]
    public async Task Dispose_WhileThePartnerStaysSilent_EndsTheBlockedReceivingThread()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptSocketAsync();
        var pipe = await SocketPipe.ConnectAsync(listener.LocalEndpoint, null, CancellationToken.None).WithTimeout();
        using var partner = await accepted.WithTimeout();
        var thread = pipe.ReceiveThread!;
        Assert.True(thread.IsAlive);

        // The thread is blocked in recv: nothing was sent. Disposing must wake it, not wait for the partner, who stays
        // connected and silent: nothing but the dispose can end the thread. (Disposal completes as the thread's last act,
        // so the thread may take a moment longer to be gone.)
        await pipe.DisposeAsync().AsTask().WithTimeout(5);

        Assert.True(thread.Join(TimeSpan.FromSeconds(5)), "the receiving thread still runs 5 s after the pipe was disposed");
    }

    [Fact]
    public async Task PartnerCloses_InputCompletes_AndTheThreadEnds()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptSocketAsync();
        await using var pipe = await SocketPipe.ConnectAsync(listener.LocalEndpoint, null, CancellationToken.None).WithTimeout();
        var partner = await accepted.WithTimeout();

        partner.Dispose();
        var read = await pipe.Input.ReadAsync().AsTask().WithTimeout();

        Assert.True(read.IsCompleted);
        pipe.Input.AdvanceTo(read.Buffer.End);
        Assert.True(pipe.ReceiveThread!.Join(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Connect_WhenNothingListens_FailsWithTheSocketError()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var endpoint = probe.LocalEndpoint;
        probe.Stop();

        await Assert.ThrowsAsync<SocketException>(() => SocketPipe.ConnectAsync(endpoint, null, CancellationToken.None)).WithTimeout();
    }

    [Fact]
    public async Task Connect_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SocketPipe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, 9), null, cts.Token)).WithTimeout();
    }

    /// <summary>Offers <c>size</c> bytes once, the way a frame reader offers the rest of a large value.</summary>
    private sealed class OneOffer(int size) : IDirectReadTarget
    {
        private readonly TaskCompletionSource _taken = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _filled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _offered;
        private int _received;

        public byte[] Bytes { get; } = new byte[size];

        public Task Taken => _taken.Task;

        public Task Filled => _filled.Task;

        public Span<byte> TakeOffer()
        {
            if (Interlocked.Exchange(ref _offered, 1) == 1 && _received == Bytes.Length)
            {
                return default;
            }

            _taken.TrySetResult();
            return Bytes.AsSpan(_received);
        }

        public void Received(int count)
        {
            _received += count;
            if (_received == Bytes.Length)
            {
                _filled.TrySetResult();
            }
        }
    }
}
