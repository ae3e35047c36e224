namespace Engagement.Rules.Tests.Engine;

/// <summary>
/// Behaviour that a faster session must keep: changes through Update/Retract/Insert are seen by
/// the next evaluation (nothing cached survives a change), refraction resets on update, patterns
/// on base types and interfaces see derived facts, below and above the size at which the session
/// starts indexing its facts.
/// </summary>
public class WorkingMemoryTests
{
    public interface IPriced
    {
        decimal Price { get; }
    }

    public class Product(int id, decimal price) : IPriced
    {
        public int Id { get; } = id;
        public decimal Price { get; set; } = price;
        public override string ToString() => $"Product {Id}";
    }

    public sealed class Book(int id, decimal price) : Product(id, price)
    {
        public override string ToString() => $"Book {Id}";
    }

    // Sessions of 1 fact keep their facts inline, of 5 in an array, of 40 in an array with indexes.
    public static TheoryData<int> Sizes => new() { 1, 5, 40 };

    private static List<Order> Filler(int count) => Enumerable.Range(1000, count - 1).Select(i => new Order(i, 0, 0)).ToList();

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fire_UpdateMakesFactPassFilter_FiresAfterUpdate(int size)
    {
        var log = new List<string>();
        var set = Rules.Build(null, new TestRule("big", s =>
        {
            var o = s.When.Match<Order>(x => x.Total > 100);
            s.Then.Do(ctx => log.Add(ctx.Get(o).ToString()));
        }));
        var session = set.CreateSession();
        var order = new Order(1, 1, 50);
        session.InsertAll(Filler(size));
        session.Insert(order);
        Assert.Equal(0, session.Fire());

        order.Total = 150;
        Assert.Equal(0, session.Fire()); // not told: nothing to re-evaluate
        session.Update(order);

        Assert.Equal(1, session.Fire());
        Assert.Equal(["Order 1"], log);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fire_UpdateInHigherPriorityAction_CancelsOtherRulesActivation(int size)
    {
        var log = new List<string>();
        var set = Rules.Build(null,
            new TestRule("shrink", s =>
            {
                var c = s.When.Match<Customer>();
                var o = s.When.Match<Order, Customer>(c, (x, cu) => x.CustomerId == cu.Id && x.Total > 100);
                s.Then.Do(ctx =>
                {
                    ctx.Get(o).Total = 1;
                    ctx.Update(ctx.Get(o));
                });
            }, priority: 5),
            new TestRule("big", s =>
            {
                var o = s.When.Match<Order>(x => x.Total > 100);
                s.Then.Do(ctx => log.Add(ctx.Get(o).ToString()));
            }));
        var session = set.CreateSession();
        session.InsertAll(Filler(size));
        session.Insert(new Order(1, 7, 500));
        session.Insert(new Customer(7, "x"));

        Assert.Equal(1, session.Fire());

        Assert.Empty(log);
        var cancelled = Assert.Single(session.Trace.Entries, e => e.Kind == TraceEventKind.Cancelled);
        Assert.Equal("big", cancelled.Rule.Name);
        Assert.Equal("its facts changed before it fired", cancelled.Reason);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fire_UpdateWithoutChange_RefiresOnceAndNotAgain(int size)
    {
        var set = Rules.Build(null, new TestRule("r", s => { s.When.Match<Customer>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        var c = new Customer(1, "vip");
        session.InsertAll(Filler(size));
        session.Insert(c);
        Assert.Equal(1, session.Fire());

        session.Update(c);

        Assert.Equal(1, session.Fire());
        Assert.Equal(0, session.Fire());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fire_RetractedThenReinserted_FiresAgainAsNewFact(int size)
    {
        var set = Rules.Build(null, new TestRule("r", s => { s.When.Match<Customer>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        var c = new Customer(1, "vip");
        session.InsertAll(Filler(size));
        session.Insert(c);
        Assert.Equal(1, session.Fire());

        session.Retract(c);
        Assert.Equal(0, session.Fire());
        Assert.DoesNotContain(c, session.Facts);
        session.Insert(c);

        Assert.Equal(1, session.Fire());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fire_RetractBeforeFire_CancelsPendingAndFiresRest(int size)
    {
        var log = new List<string>();
        var set = Rules.Build(null, new TestRule("r", s =>
        {
            var c = s.When.Match<Customer>();
            s.Then.Do(ctx => log.Add(ctx.Get(c).ToString()));
        }));
        var session = set.CreateSession();
        var first = new Customer(1, "a");
        session.InsertAll(Filler(size));
        session.InsertAll([first, new Customer(2, "b"), new Customer(3, "c")]);

        session.Retract(first);
        session.Fire();

        Assert.Equal(["Customer 2", "Customer 3"], log);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fire_DerivedFactsOnBaseAndInterfacePatterns_MatchInInsertionOrder(int size)
    {
        var log = new List<string>();
        var set = Rules.Build(null,
            new TestRule("products", s =>
            {
                var p = s.When.Match<Product>(x => x.Price > 1);
                s.Then.Do(ctx => log.Add("product " + ctx.Get(p)));
            }, priority: 2),
            new TestRule("priced", s =>
            {
                var p = s.When.Match<IPriced>();
                s.When.Not<Book, IPriced>(p, (b, x) => b.Price > x.Price);
                s.Then.Do(ctx => log.Add("priced " + ctx.Get(p)));
            }, priority: 1),
            new TestRule("books", s =>
            {
                var n = s.When.Count<Book>();
                s.Then.Do(ctx => log.Add("books " + ctx.Get(n)));
            }));
        var session = set.CreateSession();
        var book = new Book(2, 20);
        session.InsertAll(Filler(size));
        session.InsertAll([new Product(1, 10), book, new Book(3, 5), new Product(4, 30)]);

        session.Fire();
        Assert.Equal(["product Product 1", "product Book 2", "product Book 3", "product Product 4", "priced Book 2", "priced Product 4", "books 2"], log);

        log.Clear();
        session.Retract(book);
        session.Fire();
        Assert.Equal(["priced Product 1", "priced Book 3", "books 1"], log);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fire_JoinAfterPartnerRetracted_NoLongerMatches(int size)
    {
        var log = new List<string>();
        var set = Rules.Build(null, new TestRule("r", s =>
        {
            var c = s.When.Match<Customer>();
            var o = s.When.Match<Order, Customer>(c, (x, cu) => x.CustomerId == cu.Id);
            s.Then.Do(ctx => log.Add($"{ctx.Get(c)}/{ctx.Get(o)}"));
        }));
        var session = set.CreateSession();
        var c1 = new Customer(1, "a");
        session.InsertAll(Filler(size));
        session.InsertAll([c1, new Customer(2, "b"), new Order(10, 1, 1), new Order(11, 2, 1)]);
        session.Retract(c1);

        session.Fire();
        session.Insert(new Order(12, 2, 1));
        session.Fire();

        Assert.Equal(["Customer 2/Order 11", "Customer 2/Order 12"], log);
    }

    [Fact]
    public void Facts_ChangedWhileEnumerating_Throws()
    {
        var session = Rules.Build(null).CreateSession();
        session.InsertAll([new Order(1, 1, 1), new Order(2, 1, 1)]);

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var f in session.Facts)
                session.Insert(new Order(3, 1, 1));
        });
    }

    [Fact]
    public void FactsAndQuery_AreLiveViewsInInsertionOrder()
    {
        var session = Rules.Build(null).CreateSession();
        var facts = session.Facts;
        var orders = session.Query<Order>();
        var o1 = new Order(1, 1, 1);
        session.InsertAll([o1, new Customer(1, "a"), new Order(2, 1, 1)]);

        Assert.Equal(["Order 1", "Customer 1", "Order 2"], facts.Select(f => f.ToString()!));
        Assert.Equal([1, 2], orders.Select(o => o.Id));
        session.Retract(o1);
        Assert.Equal([2], orders.Select(o => o.Id));
    }

    [Fact]
    public void Insert_ManyFactsThenDuplicate_StillDetected()
    {
        var session = Rules.Build(null).CreateSession();
        var facts = Enumerable.Range(0, 40).Select(i => new Order(i, 0, 0)).ToList();
        session.InsertAll(facts);

        Assert.False(session.TryInsert(facts[3]));
        Assert.True(session.TryRetract(facts[3]));
        Assert.False(session.TryRetract(facts[3]));
        Assert.True(session.TryInsert(facts[3]));
        Assert.Equal(40, session.Facts.Count());
    }
}
