namespace Engagement.Testing.Smpp;

/// <summary>Behaviour of the <see cref="SmscSimulator"/>.</summary>
public sealed class SmscSimulatorOptions
{
    /// <summary>system_id a bind must present. Default <c>test</c>.</summary>
    public string SystemId { get; set; } = "test";

    /// <summary>Password a bind must present; a mismatch answers ESME_RINVPASWD (0x0E). Default <c>secret</c>.</summary>
    public string Password { get; set; } = "secret";

    /// <summary>Port on 127.0.0.1; 0 picks a free one. Default 0.</summary>
    public int Port { get; set; }

    /// <summary>Answer every n-th submit_sm with ESME_RTHROTTLED (0x58); 0 never. Default 0.</summary>
    public int ThrottleEvery { get; set; }

    /// <summary>Destinations ending with this suffix get an UNDELIV receipt. Default <c>0666</c>.</summary>
    public string UndeliverableSuffix { get; set; } = "0666";

    /// <summary>Send the receipt before the submit_sm_resp (an ordering real SMSCs produce under load). Default false.</summary>
    public bool ReceiptBeforeResponse { get; set; }

    /// <summary>Never answer every n-th submit_sm (a lost response); 0 never. Default 0.</summary>
    public int SilentEvery { get; set; }

    /// <summary>Destinations ending with this suffix are refused with ESME_RINVDSTADR (0x0B). Default <c>0400</c>.</summary>
    public string RejectedSuffix { get; set; } = "0400";

    /// <summary>
    /// Delay before every answer the simulator sends on a connection (responses and the receipts that
    /// follow them), as a real SMSC's processing and network round trip would add. Answers keep their
    /// order; reading goes on meanwhile, so a client with a window of W can do at most W / latency
    /// requests per second per bind. Zero answers at once. Default zero.
    /// </summary>
    public TimeSpan ResponseLatency { get; set; }

    /// <summary>Clock for <see cref="ResponseLatency"/> and receipt dates. Default <see cref="System.TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
