using Engagement.TestSupport;
using Engagement.Transports.Smpp.Coding;

namespace Engagement.Transports.Smpp.Tests.Pdus;

public class Gsm7PackingTests
{
    [Fact]
    public void PackUnpack_RandomSeptetsAndOffsets_RoundTrip()
    {
        Prop.ForAll(2000, 11, (r, _) =>
        {
            var septets = Enumerable.Range(0, r.Next(0, 200)).Select(_ => (byte)r.Next(128)).ToArray();
            var offset = r.Next(0, 60);
            var packed = Gsm7Packing.Pack(septets, offset);
            Assert.Equal((offset + septets.Length * 7 + 7) / 8, packed.Length);
            Assert.Equal(septets, Gsm7Packing.Unpack(packed, septets.Length, offset));
        });
    }
}
