using Engagement.Messaging;

namespace Engagement.Transports.Smpp;

/// <summary>How a bind is opened.</summary>
public enum SmppBindMode
{
    /// <summary>One bind_transceiver connection sends and receives (default).</summary>
    Transceiver = 0,

    /// <summary>A bind_transmitter connection for sending plus a bind_receiver connection for receipts and MO.</summary>
    TransmitterAndReceiver = 1,

    /// <summary>
    /// bind_transmitter connections only. Receipts and MO then arrive only over a receiver the SMSC
    /// asks for with outbind (<see cref="SmppOptions.AcceptOutbind"/>), or not at all.
    /// </summary>
    Transmitter = 2,
}

/// <summary>Which PDU carries an outgoing message.</summary>
public enum SmppSubmitCommand
{
    /// <summary>submit_sm, long texts split per <see cref="SmppOptions.LongMessageMode"/> (default).</summary>
    SubmitSm = 0,

    /// <summary>data_sm with the whole text in the message_payload TLV (section 4.7); the SMSC splits it if needed.</summary>
    DataSm = 1,
}

/// <summary>How texts longer than one message travel.</summary>
public enum SmppLongMessageMode
{
    /// <summary>Concatenation by a user data header with an 8-bit reference (IEI 0x00), the most widely supported (default).</summary>
    Udh8 = 0,

    /// <summary>Concatenation by a user data header with a 16-bit reference (IEI 0x08).</summary>
    Udh16 = 1,

    /// <summary>One submit_sm per part with sar_msg_ref_num / sar_total_segments / sar_segment_seqnum TLVs.</summary>
    Sar = 2,

    /// <summary>One submit_sm carrying the whole text in the message_payload TLV; the SMSC splits it.</summary>
    MessagePayload = 3,
}

/// <summary>What data_coding 0x00 (the SMSC default alphabet) means to this SMSC; vendors disagree.</summary>
public enum SmppDefaultAlphabet
{
    /// <summary>GSM 03.38, one septet per byte (default; what most SMSCs and node-smpp expect).</summary>
    Gsm7Unpacked = 0,

    /// <summary>GSM 03.38 packed eight septets into seven bytes.</summary>
    Gsm7Packed = 1,

    /// <summary>Treat 0x00 as Latin-1/ASCII: GSM-only texts are sent as data_coding 0x03 Latin-1 instead.</summary>
    Latin1 = 2,
}

/// <summary>
/// Settings of the SMPP transport. Every property documents its default; <see cref="Validate"/>
/// runs when the transport starts and names the property that is wrong.
/// </summary>
public sealed class SmppOptions
{
    /// <summary>Transport name for traces, metrics and routing. Default <c>smpp</c>.</summary>
    public string Name { get; set; } = "smpp";

    /// <summary>SMSC host name or address. Required.</summary>
    public string Host { get; set; } = "";

    /// <summary>SMSC port. Default 2775.</summary>
    public int Port { get; set; } = 2775;

    /// <summary>system_id for the bind (at most 15 characters). Required.</summary>
    public string SystemId { get; set; } = "";

    /// <summary>Password for the bind (at most 8 characters).</summary>
    public string Password { get; set; } = "";

    /// <summary>system_type for the bind (at most 12 characters). Default empty.</summary>
    public string SystemType { get; set; } = "";

    /// <summary>Transceiver, or a transmitter plus a receiver. Default <see cref="SmppBindMode.Transceiver"/>.</summary>
    public SmppBindMode BindMode { get; set; } = SmppBindMode.Transceiver;

    /// <summary>
    /// Listen for outbind (SMPP 3.4 sections 2.2.1 and 4.1.7): the SMSC connects to us, presents
    /// <see cref="OutbindSystemId"/> / <see cref="OutbindPassword"/>, and we answer on that
    /// connection with bind_receiver using <see cref="SystemId"/> / <see cref="Password"/>; receipts
    /// and MO then arrive on it. Default false.
    /// </summary>
    public bool AcceptOutbind { get; set; }

    /// <summary>Address the outbind listener binds to. Default <c>0.0.0.0</c> (all interfaces).</summary>
    public string OutbindListenAddress { get; set; } = "0.0.0.0";

    /// <summary>Port the outbind listener binds to; 0 picks a free one. Default 2776.</summary>
    public int OutbindListenPort { get; set; } = 2776;

    /// <summary>system_id the SMSC must present in outbind (at most 15 characters); empty accepts any. Default empty.</summary>
    public string OutbindSystemId { get; set; } = "";

    /// <summary>Password the SMSC must present in outbind (at most 8 characters; compared exactly, so empty requires an empty one). Default empty.</summary>
    public string OutbindPassword { get; set; } = "";

    /// <summary>Number of sending binds in the pool; sends are spread over the bound ones. Default 1.</summary>
    public int Binds { get; set; } = 1;

    /// <summary>Maximum outstanding requests per bind. Default 50.</summary>
    public int WindowSize { get; set; } = 50;

    /// <summary>How long to wait for a response to one request before it counts as lost. Default 10 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Maximum submit_sm per second per bind; 0 means unlimited. Default 0.</summary>
    public double MaxSubmitsPerSecond { get; set; }

    /// <summary>Idle interval after which we send enquire_link. Default 30 s.</summary>
    public TimeSpan EnquireLinkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for the TCP connect and the bind. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles per failure up to <see cref="ReconnectMaxDelay"/>, with ±20% jitter. Default 500 ms.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest reconnect delay. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a send waits for a bound connection before returning a retryable failure. Default 30 s.</summary>
    public TimeSpan SendWaitForBind { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pause of a bind after ESME_RTHROTTLED or ESME_RMSGQFUL; doubles while they continue, up to 10x. Default 200 ms.</summary>
    public TimeSpan ThrottleBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Attempts of one part after throttling or a lost connection before SendAsync gives up with a retryable/throttled failure. Default 5.</summary>
    public int MaxAttemptsPerPart { get; set; } = 5;

    /// <summary>Largest PDU accepted from the SMSC, in bytes; bounds memory per connection. Default 65536.</summary>
    public int MaxPduSize { get; set; } = 65536;

    /// <summary>What data_coding 0x00 carries for this SMSC. Default <see cref="SmppDefaultAlphabet.Gsm7Unpacked"/>.</summary>
    public SmppDefaultAlphabet DefaultAlphabet { get; set; } = SmppDefaultAlphabet.Gsm7Unpacked;

    /// <summary>Send texts outside GSM 03.38 but inside Latin-1 (é, ñ are GSM; ý, þ are not) as data_coding 0x03 instead of UCS-2. Default false.</summary>
    public bool PreferLatin1 { get; set; }

    /// <summary>Send with submit_sm or with data_sm. Default <see cref="SmppSubmitCommand.SubmitSm"/>.</summary>
    public SmppSubmitCommand SubmitCommand { get; set; } = SmppSubmitCommand.SubmitSm;

    /// <summary>How long messages travel. Default <see cref="SmppLongMessageMode.Udh8"/>.</summary>
    public SmppLongMessageMode LongMessageMode { get; set; } = SmppLongMessageMode.Udh8;

    /// <summary>Default source address when <see cref="OutboundSms.SenderId"/> is null. Default empty (the SMSC fills it).</summary>
    public string SourceAddress { get; set; } = "";

    /// <summary>service_type of submit_sm. Default empty.</summary>
    public string ServiceType { get; set; } = "";

    /// <summary>How long an unmatched receipt (arrived before its submit_sm_resp) or a sent message awaiting receipts is kept. Default 48 h.</summary>
    public TimeSpan ReceiptRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// How long the parts of a concatenated MO message (UDH or SAR) are held waiting for the rest;
    /// after that the parts that came are handed on as one message. Default 5 minutes.
    /// </summary>
    public TimeSpan InboundPartsTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Upper bound on the bytes held for incomplete MO messages; beyond it the oldest incomplete
    /// message is handed on with the parts it has. Default 1 MiB.
    /// </summary>
    public long InboundPartsMaxBytes { get; set; } = 1 << 20;

    /// <summary>Checks every setting; returns the problems found (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("SmppOptions.Name is required.");
        if (string.IsNullOrWhiteSpace(Host)) errors.Add("SmppOptions.Host is required (the SMSC host name or address).");
        if (Port is < 1 or > 65535) errors.Add($"SmppOptions.Port {Port} is outside 1-65535.");
        if (string.IsNullOrEmpty(SystemId)) errors.Add("SmppOptions.SystemId is required.");
        else if (SystemId.Length > 15) errors.Add($"SmppOptions.SystemId '{SystemId}' is {SystemId.Length} characters; SMPP 3.4 allows 15.");
        if (Password.Length > 8) errors.Add($"SmppOptions.Password is {Password.Length} characters; SMPP 3.4 allows 8.");
        if (SystemType.Length > 12) errors.Add($"SmppOptions.SystemType is {SystemType.Length} characters; SMPP 3.4 allows 12.");
        if (ServiceType.Length > 5) errors.Add($"SmppOptions.ServiceType is {ServiceType.Length} characters; SMPP 3.4 allows 5.");
        if (SourceAddress.Length > 20) errors.Add($"SmppOptions.SourceAddress is {SourceAddress.Length} characters; SMPP 3.4 allows 20.");
        if (Binds is < 1 or > 64) errors.Add($"SmppOptions.Binds {Binds} is outside 1-64.");
        if (WindowSize is < 1 or > 10000) errors.Add($"SmppOptions.WindowSize {WindowSize} is outside 1-10000.");
        if (MaxSubmitsPerSecond < 0 || double.IsNaN(MaxSubmitsPerSecond)) errors.Add("SmppOptions.MaxSubmitsPerSecond must be 0 (unlimited) or positive.");
        if (MaxAttemptsPerPart < 1) errors.Add("SmppOptions.MaxAttemptsPerPart must be at least 1.");
        if (MaxPduSize is < 1024 or > 1 << 24) errors.Add($"SmppOptions.MaxPduSize {MaxPduSize} is outside 1024-16777216.");
        Positive(ResponseTimeout, nameof(ResponseTimeout));
        Positive(EnquireLinkInterval, nameof(EnquireLinkInterval));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(ReconnectInitialDelay, nameof(ReconnectInitialDelay));
        Positive(SendWaitForBind, nameof(SendWaitForBind));
        Positive(ThrottleBackoff, nameof(ThrottleBackoff));
        Positive(ReceiptRetention, nameof(ReceiptRetention));
        Positive(InboundPartsTimeout, nameof(InboundPartsTimeout));
        if (InboundPartsMaxBytes < 4096) errors.Add($"SmppOptions.InboundPartsMaxBytes {InboundPartsMaxBytes} is below 4096.");
        if (AcceptOutbind)
        {
            if (!System.Net.IPAddress.TryParse(OutbindListenAddress, out _)) errors.Add($"SmppOptions.OutbindListenAddress '{OutbindListenAddress}' is not an IP address.");
            if (OutbindListenPort is < 0 or > 65535) errors.Add($"SmppOptions.OutbindListenPort {OutbindListenPort} is outside 0-65535.");
            if (OutbindSystemId.Length > 15) errors.Add($"SmppOptions.OutbindSystemId is {OutbindSystemId.Length} characters; SMPP 3.4 allows 15.");
            if (OutbindPassword.Length > 8) errors.Add($"SmppOptions.OutbindPassword is {OutbindPassword.Length} characters; SMPP 3.4 allows 8.");
        }
        if (ReconnectMaxDelay < ReconnectInitialDelay) errors.Add("SmppOptions.ReconnectMaxDelay must not be shorter than ReconnectInitialDelay.");
        return errors;

        void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero) errors.Add($"SmppOptions.{name} must be positive (was {value}).");
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem when the options are invalid.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid SMPP options: " + string.Join(" ", errors));
    }
}
