using System.Linq.Expressions;

namespace Engagement.Rules;

/// <summary>Compiles typed condition expressions to object-typed delegates and finds hash-join keys.</summary>
internal static class Expressions
{
    public static Func<object, bool> Filter<T>(Expression<Func<T, bool>> filter) => OverObjects<Func<object, bool>>(filter);

    public static Func<object, object, bool> Join<T, TOther>(Expression<Func<T, TOther, bool>> join) => OverObjects<Func<object, object, bool>>(join);

    public static Func<object, TResult> OverObject<T, TResult>(Expression<Func<T, TResult>> lambda) => OverObjects<Func<object, TResult>>(lambda);

    /// <summary>
    /// Compiles <paramref name="test"/> over a tuple of bound values: the value in
    /// <paramref name="slot"/>, cast to its type inside the compiled code.
    /// </summary>
    public static Func<object?[], bool> OverSlot<T>(Expression<Func<T, bool>> test, int slot)
    {
        var tuple = Expression.Parameter(typeof(object?[]), "tuple");
        var value = test.Parameters[0];
        var typed = Expression.Variable(value.Type, value.Name);
        var block = Expression.Block([typed],
            Expression.Assign(typed, Expression.Convert(Expression.ArrayIndex(tuple, Expression.Constant(slot)), value.Type)),
            new Replace(value, typed).Visit(test.Body));
        return Expression.Lambda<Func<object?[], bool>>(block, tuple).Compile();
    }

    /// <summary>
    /// Compiles a typed lambda as a delegate over <see cref="object"/> parameters. Each argument is
    /// cast to its parameter's type once, inside the compiled code: one call per evaluation rather
    /// than a wrapper closure calling the typed delegate through a generic cast.
    /// </summary>
    private static TDelegate OverObjects<TDelegate>(LambdaExpression lambda) where TDelegate : Delegate
    {
        var objects = new ParameterExpression[lambda.Parameters.Count];
        var typed = new ParameterExpression[lambda.Parameters.Count];
        var body = lambda.Body;
        var statements = new List<Expression>();
        for (var i = 0; i < objects.Length; i++)
        {
            var p = lambda.Parameters[i];
            objects[i] = Expression.Parameter(typeof(object), p.Name);
            typed[i] = Expression.Variable(p.Type, p.Name);
            statements.Add(Expression.Assign(typed[i], Expression.Convert(objects[i], p.Type)));
            body = new Replace(p, typed[i]).Visit(body);
        }
        statements.Add(body);
        return Expression.Lambda<TDelegate>(Expression.Block(typed, statements), objects).Compile();
    }

    /// <summary>
    /// When the join's top-level conjunction contains equalities between an expression of the fact
    /// alone and one of the partner alone, returns key selectors for a hash lookup; the full join
    /// is still applied to the candidates, so other conjuncts keep their meaning.
    /// </summary>
    public static (Func<object, object?> FactKey, Func<object, object?> PartnerKey)? HashKeys<T, TOther>(
        Expression<Func<T, TOther, bool>> join)
    {
        var factParam = join.Parameters[0];
        var partnerParam = join.Parameters[1];
        var factKeys = new List<Expression>();
        var partnerKeys = new List<Expression>();
        foreach (var part in Conjuncts(join.Body))
        {
            if (part is not BinaryExpression { NodeType: ExpressionType.Equal } eq)
                continue;
            var l = Uses(eq.Left);
            var r = Uses(eq.Right);
            if (l == factParam && r == partnerParam)
            {
                factKeys.Add(eq.Left);
                partnerKeys.Add(eq.Right);
            }
            else if (l == partnerParam && r == factParam)
            {
                factKeys.Add(eq.Right);
                partnerKeys.Add(eq.Left);
            }
        }
        if (factKeys.Count == 0)
            return null;
        return (KeySelector(factParam, factKeys), KeySelector(partnerParam, partnerKeys));
    }

    /// <summary>
    /// When a filter's first conjunct (the one evaluated first) compares a string member of the
    /// fact itself with a fixed string (<c>e =&gt; e.Type == "order_placed" &amp;&amp; ...</c>),
    /// that member and string: a fact whose member holds another value fails the filter, whatever
    /// the rest says, without the rest being evaluated. Null for any other shape.
    /// </summary>
    public static Discriminator? DiscriminatorOf<T>(Expression<Func<T, bool>> filter)
    {
        var first = filter.Body;
        while (first is BinaryExpression { NodeType: ExpressionType.AndAlso } and)
            first = and.Left;
        // String ==: no user-defined operator, so the comparison is string.Equals (ordinal).
        if (first is not BinaryExpression { NodeType: ExpressionType.Equal } eq || eq.Left.Type != typeof(string) || eq.Right.Type != typeof(string)
            || (eq.Method is not null && eq.Method != typeof(string).GetMethod("op_Equality", [typeof(string), typeof(string)])))
            return null;
        var param = filter.Parameters[0];
        var (member, other) = eq.Left is MemberExpression l && l.Expression == param ? (l, eq.Right)
            : eq.Right is MemberExpression r && r.Expression == param ? (r, eq.Left)
            : (null, null);
        if (member is null || FixedString(other!) is not { } value)
            return null;
        // Cast to the member's declaring type, not the filter's parameter type: rules over a base
        // type and a derived one can share the member (and the rule set's slot for it).
        var obj = Expression.Parameter(typeof(object), "fact");
        var read = Expression.Lambda<Func<object, string?>>(
            Expression.MakeMemberAccess(Expression.Convert(obj, member.Member.DeclaringType!), member.Member), obj).Compile();
        return new Discriminator(member.Member, value, read);
    }

    // A literal, a const, or a static readonly field: values that cannot change once the rule is built.
    private static string? FixedString(Expression e) => e switch
    {
        ConstantExpression { Value: string s } => s,
        MemberExpression { Expression: null, Member: System.Reflection.FieldInfo { IsStatic: true } f } when f.IsLiteral || f.IsInitOnly => f.GetValue(null) as string,
        _ => null,
    };

    private static IEnumerable<Expression> Conjuncts(Expression e)
    {
        if (e is BinaryExpression { NodeType: ExpressionType.AndAlso } and)
            return Conjuncts(and.Left).Concat(Conjuncts(and.Right));
        return [e];
    }

    /// <summary>The single parameter an expression uses, or null when it uses none or several.</summary>
    private static ParameterExpression? Uses(Expression e)
    {
        var finder = new ParameterFinder();
        finder.Visit(e);
        return finder.Found.Count == 1 ? finder.Found.First() : null;
    }

    private static Func<object, object?> KeySelector(ParameterExpression param, List<Expression> keys)
    {
        var obj = Expression.Parameter(typeof(object), "fact");
        var typed = Expression.Variable(param.Type, param.Name);
        Expression body = keys.Count == 1
            ? Box(keys[0])
            : Expression.New(typeof(CompositeKey).GetConstructor([typeof(object[])])!,
                Expression.NewArrayInit(typeof(object), keys.Select(Box)));
        var block = Expression.Block([typed],
            Expression.Assign(typed, Expression.Convert(obj, param.Type)),
            new Replace(param, typed).Visit(body));
        return Expression.Lambda<Func<object, object?>>(block, obj).Compile();
    }

    // Keys are compared after numeric widening so that int 5 and long 5 meet in the index.
    private static Expression Box(Expression e)
    {
        var t = Nullable.GetUnderlyingType(e.Type) ?? e.Type;
        if (t == typeof(int) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(long))
            e = Expression.Convert(e, e.Type == t ? typeof(long) : typeof(long?));
        return Expression.Convert(e, typeof(object));
    }

    private sealed class ParameterFinder : ExpressionVisitor
    {
        public HashSet<ParameterExpression> Found { get; } = [];

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found.Add(node);
            return node;
        }
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>A multi-part hash-join key with structural equality.</summary>
internal sealed class CompositeKey(object?[] parts) : IEquatable<CompositeKey>
{
    private readonly object?[] _parts = parts;

    public bool Equals(CompositeKey? other) =>
        other is not null && _parts.AsSpan().SequenceEqual(other._parts);

    public override bool Equals(object? obj) => Equals(obj as CompositeKey);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var p in _parts)
            h.Add(p);
        return h.ToHashCode();
    }
}

/// <summary>
/// A string member a gate's filter requires to equal <see cref="Value"/> before anything else is
/// evaluated (see <see cref="Expressions.DiscriminatorOf{T}"/>). A rule set indexes the values of
/// each such member, and a session reads the member once per fact version instead of running the
/// filter of every rule that names it.
/// </summary>
internal sealed record Discriminator(System.Reflection.MemberInfo Member, string Value, Func<object, string?> Read);
