using System.Text;

namespace Engagement.Templating.Rendering;

/// <summary>Mutable state of one render: scopes, counters, registers, output and the sandbox counters.</summary>
internal sealed class RenderState
{
    // scope 0 (assign/capture target) and loop scopes are created on first use: most SMS renders need neither
    private Dictionary<string, object?>? _root;
    private List<Dictionary<string, object?>>? _stack;
    private Dictionary<string, object?>? _counters;
    private Dictionary<string, object?>? _registers;
    private readonly TemplateContext? _context;

    public RenderState(TemplateOptions options, TemplateContext context, StringBuilder output)
    {
        Options = options;
        _context = context;
        Context = context;
        Output = output;
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
    }

    public TemplateOptions Options { get; }
    public TemplateContext Context { get; }
    public StringBuilder Output { get; set; }
    public SharedCounters Shared { get; }
    public int Depth { get; set; }
    public string? TemplateName { get; set; }

    public Dictionary<string, object?> Counters => _counters ??= new(StringComparer.Ordinal);
    public Dictionary<string, object?> Registers => _registers ??= new(StringComparer.Ordinal);

    public RenderState CreateIsolated() => new(this);

    public bool TryResolve(string name, out object? value)
    {
        if (_stack is not null)
            for (var i = _stack.Count - 1; i >= 0; i--)
                if (_stack[i].TryGetValue(name, out value)) return true;
        if (_root is not null && _root.TryGetValue(name, out value)) return true;
        if (_counters is not null && _counters.TryGetValue(name, out value)) return true;
        if (_context is not null) return _context.TryGetTopLevel(this, name, out value);
        // isolated partials see only globals
        return Context.TryGetGlobal(name, out value);
    }

    /// <summary><c>assign</c> and <c>capture</c> write to the outermost scope, so values survive loops.</summary>
    public void Assign(string name, object? value) => (_root ??= new(StringComparer.Ordinal))[name] = value;

    public void PushScope() => (_stack ??= new(4)).Add(new Dictionary<string, object?>(StringComparer.Ordinal));
    public void PopScope() => _stack!.RemoveAt(_stack.Count - 1);

    /// <summary>Sets a variable in the innermost scope (the loop's, or the root of an isolated partial).</summary>
    public void SetLocal(string name, object? value)
    {
        if (_stack is { Count: > 0 }) _stack[^1][name] = value;
        else Assign(name, value);
    }

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
