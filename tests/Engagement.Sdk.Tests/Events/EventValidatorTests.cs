using Engagement.Events;
using Engagement.Profiles;

namespace Engagement.Sdk.Tests.Events;

public class EventValidatorTests
{
    private static readonly DateTimeOffset T = new(2026, 3, 2, 10, 15, 0, TimeSpan.FromHours(8));

    private static EngagementEvent E(string type, params (string K, object? V)[] props) =>
        new(type, "u1", T) { Properties = props.ToDictionary(p => p.K, p => p.V) };

    [Fact]
    public void Validate_OrderWithoutTotal_NamesTheField()
    {
        var ex = Assert.Throws<EngagementValidationException>(() => EventValidator.Validate(E("order_placed", ("orderId", "o1"))));
        Assert.Equal("properties.total", ex.Field);
    }

    [Fact]
    public void Validate_NonNumericTotal_NamesTheFieldAndValue()
    {
        var ex = Assert.Throws<EngagementValidationException>(() => EventValidator.Validate(E("order_placed", ("orderId", "o1"), ("total", "abc"))));
        Assert.Equal("properties.total", ex.Field);
        Assert.Contains("abc", ex.Message);
    }

    [Fact]
    public void Validate_JsonValueWithHalfASurrogatePair_NamesThePath()
    {
        // A host that passes parsed JSON through: reading such a string would throw anywhere later.
        using var doc = System.Text.Json.JsonDocument.Parse("""{"items":[{"sku":"a"},{"sku":"\udc00"}]}""");

        var ex = Assert.Throws<EngagementValidationException>(() => EventValidator.Validate(E("cart_updated", ("cartId", "c1"), ("items", doc.RootElement.GetProperty("items")))));

        Assert.Equal("properties.items[1].sku", ex.Field);
        Assert.Contains("unpaired surrogate", ex.Message);
    }

    [Fact]
    public void Validate_NumbersNoAmountHolds_RejectedNotOverflowing()
    {
        // A double far beyond a decimal is no order total (it used to throw OverflowException).
        var ex = Assert.Throws<EngagementValidationException>(() => EventValidator.Validate(E("order_placed", ("orderId", "o1"), ("total", 1e30))));
        Assert.Equal("properties.total", ex.Field);
        // A JSON number no double holds is refused wherever it is, by path.
        using var doc = System.Text.Json.JsonDocument.Parse("""{"weights":[1, 1e400]}""");
        ex = Assert.Throws<EngagementValidationException>(() => EventValidator.Validate(E("product_viewed", ("weights", doc.RootElement.GetProperty("weights")))));
        Assert.Equal("properties.weights[1]", ex.Field);
        Assert.Contains("beyond the range of a double", ex.Message);
    }

    [Fact]
    public void Validate_ExpiryWithoutOffset_IsRejected()
    {
        var ex = Assert.Throws<EngagementValidationException>(() => EventValidator.Validate(E("coupon_issued", ("couponId", "c1"), ("expiresAt", "2026-03-05T10:00:00"))));
        Assert.Equal("properties.expiresAt", ex.Field);
    }

    [Theory]
    [InlineData("Order Placed")]
    [InlineData("")]
    [InlineData("ORDER")]
    public void Validate_BadType_NamesType(string type)
    {
        var ex = Assert.Throws<EngagementValidationException>(() => EventValidator.Validate(new EngagementEvent(type, "u1", T)));
        Assert.Equal("type", ex.Field);
    }

    [Fact]
    public void Validate_CustomTypeWithAnyProperties_Passes()
    {
        EventValidator.Validate(E("wishlist_added", ("sku", "A-1"), ("price", 9.5m)));
    }

    [Fact]
    public void Validate_WellFormedOrder_Passes()
    {
        EventValidator.Validate(E("order_placed", ("orderId", "o1"), ("total", 12.5m)));
    }

    [Theory]
    [InlineData("+8613800138000", true)]
    [InlineData("+14155550123", true)]
    [InlineData("13800138000", false)]
    [InlineData("+0861380013800", false)]
    [InlineData("+86 138 0013 8000", false)]
    [InlineData("+1234567890123456", false)]
    public void IsE164_Examples(string phone, bool ok) => Assert.Equal(ok, PhoneNumber.IsE164(phone));

    [Fact]
    public void ProfileValidate_BadPhone_MasksItInTheError()
    {
        var p = new Profile { UserId = "u1", Phone = "13812341234x" };
        var ex = Assert.Throws<EngagementValidationException>(p.Validate);
        Assert.Equal("phone", ex.Field);
        Assert.DoesNotContain("13812341234", ex.Message);
    }

    [Fact]
    public void ProfileValidate_UnknownTimeZone_NamesIt()
    {
        var ex = Assert.Throws<EngagementValidationException>(new Profile { UserId = "u1", TimeZone = "Mars/Olympus" }.Validate);
        Assert.Equal("timeZone", ex.Field);
    }
}
