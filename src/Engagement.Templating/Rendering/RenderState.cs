using System.Text;

namespace Engagement.Templating.Rendering;

/// <summary>Mutable state of one render: scopes, counters, registers, output and the sandbox counters.</summary>
internal sealed class RenderState
{
    private readonly List<Dictionary<string, object?>> _scopes = new(4);
    private readonly TemplateContext? _context;

    public RenderState(TemplateOptions options, TemplateContext context, StringBuilder output)
    {
        Options = options;
        _context = context;
        Context = context;
        Output = output;
        _scopes.Add(new Dictionary<string, object?>(StringComparer.Ordinal));
        Shared = new SharedCounters();
    }

    /// <summary>An isolated child for <c>render</c>: no access to the caller's variables, same limits and output.</summary>
    private RenderState(RenderState parent)
    {
        Options = parent.Options;
        Context = parent.Context;
        _context = null;
        Output = parent.Output;
        Shared = parent.Shared;
        Depth = parent.Depth + 1;
        _scopes.Add(new Dictionary<string, object?>(StringComparer.Ordinal));
    }

    public TemplateOptions Options { get; }
    public TemplateContext Context { get; }
    public StringBuilder Output { get; set; }
    public SharedCounters Shared { get; }
    public int Depth { get; set; }
    public string? TemplateName { get; set; }

    public Dictionary<string, object?> Counters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, object?> Registers { get; } = new(StringComparer.Ordinal);

    public RenderState CreateIsolated() => new(this);

    public bool TryResolve(string name, out object? value)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
            if (_scopes[i].TryGetValue(name, out value)) return true;
        if (Counters.TryGetValue(name, out value)) return true;
        if (_context is not null) return _context.TryGetTopLevel(this, name, out value);
        value = null;
        return false;
    }

    /// <summary><c>assign</c> and <c>capture</c> write to the outermost scope, so values survive loops.</summary>
    public void Assign(string name, object? value) => _scopes[0][name] = value;

    public void PushScope() => _scopes.Add(new Dictionary<string, object?>(StringComparer.Ordinal));
    public void PopScope() => _scopes.RemoveAt(_scopes.Count - 1);
    public void SetLocal(string name, object? value) => _scopes[^1][name] = value;

    public void Step(Syntax.Node node)
    {
        if (++Shared.Steps > Options.MaxSteps) throw node.Limit(this, "MaxSteps", Options.MaxSteps);
    }

    public void Write(string text, Syntax.Node node)
    {
        if (text.Length == 0) return;
        if (Output.Length + text.Length > Options.MaxOutputLength)
            throw node.Limit(this, "MaxOutputLength", Options.MaxOutputLength);
        Output.Append(text);
    }

    /// <summary>Counters shared by a render and its partials.</summary>
    internal sealed class SharedCounters
    {
        public long Steps;
    }
}
