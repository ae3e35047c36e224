using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Engagement.Rules;

/// <summary>
/// Resolves a path member (<c>total</c> in <c>event.total</c>) on a static type to a compiled
/// getter: public properties and fields, matched exactly first, then ignoring case; string
/// dictionaries by key; <c>size</c> on strings and collections. Members of <see cref="object"/>-typed
/// values resolve at run time.
/// </summary>
internal static class Members
{
    private static readonly ConcurrentDictionary<(Type, string), Getter?> s_cache = new();

    internal sealed record Getter(Func<object, object?> Get, Type Type);

    public static Getter? Resolve(Type type, string name)
    {
        if (type == typeof(object))
            return new Getter(o => Resolve(o.GetType(), name) is { } g && o.GetType() != typeof(object) ? g.Get(o) : null, typeof(object));
        return s_cache.GetOrAdd((type, name), static key => Build(key.Item1, key.Item2));
    }

    public static IEnumerable<string> Names(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).Select(p => p.Name)
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.Name))
            .OrderBy(n => n, StringComparer.Ordinal);

    private static object Size(object o)
    {
        if (o is string s)
            return Values.Box(s.Length);
        if (o is ICollection c)
            return Values.Box(c.Count);
        var n = 0;
        foreach (var _ in (IEnumerable)o)
            n++;
        return Values.Box(n);
    }

    private static Getter? Build(Type type, string name)
    {
        var dict = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType &&
            (i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            && i.GetGenericArguments()[0] == typeof(string));
        if (dict is not null)
        {
            var valueType = dict.GetGenericArguments()[1];
            var tryGet = dict.GetMethod("TryGetValue")!;
            return new Getter(o =>
            {
                var args = new object?[] { name, null };
                return (bool)tryGet.Invoke(o, args)! ? args[1] : null;
            }, valueType);
        }

        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        MemberInfo? member = (MemberInfo?)type.GetProperty(name, flags) ?? type.GetField(name, flags);
        member ??= (MemberInfo?)type.GetProperty(name, flags | BindingFlags.IgnoreCase) ?? type.GetField(name, flags | BindingFlags.IgnoreCase);
        if (member is PropertyInfo { GetMethod: null } or PropertyInfo { GetMethod.IsStatic: true })
            member = null;
        if (member is null)
        {
            if (name == "size" && typeof(IEnumerable).IsAssignableFrom(type))
                return new Getter(Size, typeof(int));
            return null;
        }

        var p = Expression.Parameter(typeof(object), "o");
        var access = Expression.MakeMemberAccess(Expression.Convert(p, type), member);
        // Ints and bools come from shared boxes, so reading them allocates nothing.
        Expression boxed = access.Type == typeof(int) || access.Type == typeof(bool)
            ? Expression.Call(typeof(Values).GetMethod(nameof(Values.Box), [access.Type])!, access)
            : Expression.Convert(access, typeof(object));
        var get = Expression.Lambda<Func<object, object?>>(boxed, p).Compile();
        return new Getter(get, access.Type);
    }
}
