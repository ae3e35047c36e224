namespace Engagement.Triggers;

/// <summary>
/// English and Chinese defaults for the built-in triggers' templates. A template the host
/// registers with <c>AddTemplate</c> under the same id replaces all of these variants. The
/// signature and opt-out line are added by the composer, not here.
/// </summary>
internal static class BuiltInTemplates
{
    private const string Name = "{{ profile.attributes.first_name | default: '' }}";
    private const string NameZh = "{{ profile.attributes.first_name | default: '您好' }}";

    public static IEnumerable<(string Id, string Locale, string Source)> For(BuiltInTriggerOptions o)
    {
        if (o.CartAbandonment.Enabled)
        {
            yield return (o.CartAbandonment.TemplateId, "en", $"Hi {Name}, you left items in your cart. Pick up where you left off: https://s.example/c");
            yield return (o.CartAbandonment.TemplateId, "zh", $"{NameZh}，您的购物车还有商品未结算，点击继续购买：https://s.example/c");
        }
        if (o.CouponExpiring.Enabled)
        {
            yield return (o.CouponExpiring.TemplateId, "en", $"Hi {Name}, your coupon expires soon. Use it before it is gone: https://s.example/q");
            yield return (o.CouponExpiring.TemplateId, "zh", $"{NameZh}，您的优惠券即将到期，别错过：https://s.example/q");
        }
        if (o.Logistics.Enabled)
        {
            yield return ("shipment_shipped", "en", "Your parcel {{ data.shipment }} has shipped.");
            yield return ("shipment_shipped", "zh", "您的包裹{{ data.shipment }}已发货。");
            yield return ("shipment_out_for_delivery", "en", "Your parcel {{ data.shipment }} is out for delivery today.");
            yield return ("shipment_out_for_delivery", "zh", "您的包裹{{ data.shipment }}正在派送中，请保持电话畅通。");
            yield return ("shipment_delivered", "en", "Your parcel {{ data.shipment }} was delivered.");
            yield return ("shipment_delivered", "zh", "您的包裹{{ data.shipment }}已签收。");
            yield return ("shipment_exception", "en", "There is a problem delivering parcel {{ data.shipment }}; we are on it.");
            yield return ("shipment_exception", "zh", "您的包裹{{ data.shipment }}派送异常，我们正在处理。");
        }
        if (o.MemberDay.Enabled)
        {
            yield return (o.MemberDay.TemplateId, "en", $"Hi {Name}, today is member day: extra offers for members until midnight. https://s.example/m");
            yield return (o.MemberDay.TemplateId, "zh", $"{NameZh}，今天是会员日，会员专享优惠今晚24点截止：https://s.example/m");
        }
        if (o.WinBack.Enabled)
        {
            yield return (o.WinBack.TemplateId, "en", $"Hi {Name}, it has been a while. Here is what is new since your last visit: https://s.example/w");
            yield return (o.WinBack.TemplateId, "zh", $"{NameZh}，好久不见，来看看您错过的新品：https://s.example/w");
        }
        if (o.Onboarding.Enabled)
        {
            foreach (var day in o.Onboarding.Days)
            {
                var id = o.Onboarding.TemplatePrefix + day;
                yield return day switch
                {
                    0 => (id, "en", $"Welcome {Name}! Your account is ready: https://s.example/start"),
                    1 => (id, "en", $"Hi {Name}, new here? These are this week's most popular picks: https://s.example/top"),
                    _ => (id, "en", $"Hi {Name}, your first order ships free this week: https://s.example/first"),
                };
                yield return day switch
                {
                    0 => (id, "zh", $"{NameZh}，欢迎加入！账户已开通：https://s.example/start"),
                    1 => (id, "zh", $"{NameZh}，看看本周大家都在买什么：https://s.example/top"),
                    _ => (id, "zh", $"{NameZh}，本周首单包邮：https://s.example/first"),
                };
            }
        }
        if (o.Birthday.Enabled)
        {
            yield return (o.Birthday.TemplateId, "en", $"Happy birthday {Name}! A small gift is waiting in your account: https://s.example/b");
            yield return (o.Birthday.TemplateId, "zh", $"{NameZh}，生日快乐！一份小礼物已放入您的账户：https://s.example/b");
        }
    }
}
