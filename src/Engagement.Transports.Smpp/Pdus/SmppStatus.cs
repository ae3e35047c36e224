namespace Engagement.Transports.Smpp.Pdus;

/// <summary>SMPP 3.4 command_status values (section 5.1.3) and how a send treats them.</summary>
internal static class SmppStatus
{
    public const uint Ok = 0x00;
    public const uint InvalidMessageLength = 0x01;
    public const uint InvalidCommandLength = 0x02;
    public const uint InvalidCommandId = 0x03;
    public const uint IncorrectBindStatus = 0x04;
    public const uint AlreadyBound = 0x05;
    public const uint SystemError = 0x08;
    public const uint InvalidSourceAddress = 0x0A;
    public const uint InvalidDestinationAddress = 0x0B;
    public const uint InvalidMessageId = 0x0C;
    public const uint BindFailed = 0x0D;
    public const uint InvalidPassword = 0x0E;
    public const uint InvalidSystemId = 0x0F;
    public const uint MessageQueueFull = 0x14;
    public const uint SubmitFailed = 0x45;
    public const uint Throttled = 0x58;
    public const uint TemporaryAppError = 0x64;
    public const uint DeliveryFailure = 0xFE;
    public const uint UnknownError = 0xFF;
    public const uint InvalidOptionalParameterStream = 0xC0;

    private static readonly Dictionary<uint, string> s_names = new()
    {
        [0x00] = "ESME_ROK", [0x01] = "ESME_RINVMSGLEN", [0x02] = "ESME_RINVCMDLEN", [0x03] = "ESME_RINVCMDID",
        [0x04] = "ESME_RINVBNDSTS", [0x05] = "ESME_RALYBND", [0x06] = "ESME_RINVPRTFLG", [0x07] = "ESME_RINVREGDLVFLG",
        [0x08] = "ESME_RSYSERR", [0x0A] = "ESME_RINVSRCADR", [0x0B] = "ESME_RINVDSTADR", [0x0C] = "ESME_RINVMSGID",
        [0x0D] = "ESME_RBINDFAIL", [0x0E] = "ESME_RINVPASWD", [0x0F] = "ESME_RINVSYSID", [0x11] = "ESME_RCANCELFAIL",
        [0x13] = "ESME_RREPLACEFAIL", [0x14] = "ESME_RMSGQFUL", [0x15] = "ESME_RINVSERTYP", [0x33] = "ESME_RINVNUMDESTS",
        [0x34] = "ESME_RINVDLNAME", [0x40] = "ESME_RINVDESTFLAG", [0x42] = "ESME_RINVSUBREP", [0x43] = "ESME_RINVESMCLASS",
        [0x44] = "ESME_RCNTSUBDL", [0x45] = "ESME_RSUBMITFAIL", [0x48] = "ESME_RINVSRCTON", [0x49] = "ESME_RINVSRCNPI",
        [0x50] = "ESME_RINVDSTTON", [0x51] = "ESME_RINVDSTNPI", [0x53] = "ESME_RINVSYSTYP", [0x54] = "ESME_RINVREPFLAG",
        [0x55] = "ESME_RINVNUMMSGS", [0x58] = "ESME_RTHROTTLED", [0x61] = "ESME_RINVSCHED", [0x62] = "ESME_RINVEXPIRY",
        [0x63] = "ESME_RINVDFTMSGID", [0x64] = "ESME_RX_T_APPN", [0x65] = "ESME_RX_P_APPN", [0x66] = "ESME_RX_R_APPN",
        [0x67] = "ESME_RQUERYFAIL", [0xC0] = "ESME_RINVOPTPARSTREAM", [0xC1] = "ESME_ROPTPARNOTALLWD",
        [0xC2] = "ESME_RINVPARLEN", [0xC3] = "ESME_RMISSINGOPTPARAM", [0xC4] = "ESME_RINVOPTPARAMVAL",
        [0xFE] = "ESME_RDELIVERYFAILURE", [0xFF] = "ESME_RUNKNOWNERR",
    };

    /// <summary>The specification's name (<c>ESME_RTHROTTLED</c>) or the hex value for vendor codes.</summary>
    public static string Name(uint status) => s_names.TryGetValue(status, out var n) ? n : $"vendor status 0x{status:X8}";

    /// <summary>The code as reported in <see cref="Engagement.Messaging.SendResult.ErrorCode"/>: <c>0x00000058</c>.</summary>
    public static string Code(uint status) => $"0x{status:X8}";

    public static bool IsThrottle(uint status) => status is Throttled or MessageQueueFull;

    /// <summary>Statuses worth another attempt later: SMSC-side trouble rather than a bad message.</summary>
    public static bool IsTransient(uint status) =>
        status is SystemError or IncorrectBindStatus or SubmitFailed or TemporaryAppError or DeliveryFailure or UnknownError;

    public static bool IsBadCredentials(uint status) => status is InvalidPassword or InvalidSystemId;
}
