using System.Reflection;

namespace Engagement.MessagePack;

/// <summary>Finds or builds the formatter for a type: built-ins, enums, nullables, collections, then contracts.</summary>
internal static class FormatterResolver
{
    public static IMessagePackFormatter<T> Create<T>(MessagePackSerializerOptions options)
    {
        var type = typeof(T);
        if (BuiltinFormatters.For(type) is { } builtin)
            return (IMessagePackFormatter<T>)builtin;
        if (type.IsEnum)
            return Make<T>(typeof(EnumFormatter<>), type);
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return Make<T>(typeof(NullableFormatter<>), inner);
        if (type.IsArray && type.GetArrayRank() == 1)
            return Make<T>(typeof(ArrayFormatter<>), type.GetElementType()!);
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>) ||
                definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
                return Make<T>(typeof(ListFormatter<,>), type, args[0]);
            if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
                return Make<T>(typeof(DictionaryFormatter<,,>), type, args[0], args[1]);
        }
        if (options.ContractFor<T>() is { } builder)
            return new ContractFormatter<T>(builder.Members, builder.Factory);
        if (type.GetCustomAttribute<MessagePackContractAttribute>() is not null)
            return new ContractFormatter<T>(AttributedMembers(type), null);
        var why = type == typeof(object) || type.IsInterface || type.IsAbstract
            ? "it is object, an interface or abstract, and this serializer never picks a concrete type from the payload (no polymorphism by name). Use a concrete type or MessagePackValue"
            : $"it has no [MessagePackContract] attribute, no registered contract and no formatter. Mark it, call options.Register<{type.Name}>(...), or add an IMessagePackFormatter<{type.Name}>";
        throw new InvalidOperationException($"Cannot serialize {type}: {why}.");
    }

    private static IMessagePackFormatter<T> Make<T>(Type generic, params Type[] args) =>
        (IMessagePackFormatter<T>)Activator.CreateInstance(generic.MakeGenericType(args))!;

    private static List<(object Key, MemberInfo Member)> AttributedMembers(Type type)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var members = new List<(object, MemberInfo)>();
        foreach (var member in type.GetProperties(flags).Cast<MemberInfo>().Concat(type.GetFields(flags)))
        {
            if (member.GetCustomAttribute<MessagePackKeyAttribute>() is { } key)
                members.Add(((object?)key.Index ?? key.Name!, member));
        }
        return members;
    }
}
