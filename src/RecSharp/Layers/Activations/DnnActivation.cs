using RecSharp.Catalog;
using static TorchSharp.torch;

namespace RecSharp.Layers.Activations;

/// <summary>
/// The activation of a DNN layer: one of the reference's names (<c>relu</c>, <c>sigmoid</c>, <c>linear</c>,
/// <c>prelu</c>, <c>dice</c>) or a factory for a custom module, given the layer's width. Converts implicitly from
/// a string, so <c>dnnActivation: "prelu"</c> works.
/// </summary>
public sealed class DnnActivation
{
    /// <summary>The names understood.</summary>
    public static readonly IReadOnlyList<string> KnownNames = ModelNames.Activations;

    private readonly Func<long, nn.Module<Tensor, Tensor>> _factory;
    private readonly Func<long, StateShapes>? _shapes;

    private DnnActivation(string name, Func<long, nn.Module<Tensor, Tensor>> factory, Func<long, StateShapes>? shapes,
        Func<Tensor, Tensor>? inPlace = null)
    {
        Name = name;
        _factory = factory;
        _shapes = shapes;
        InPlace = inPlace;
    }

    /// <summary>The activation's name (<c>custom:…</c> for a custom one).</summary>
    public string Name { get; }

    /// <summary>The activation named <paramref name="name"/>; an unknown name is an <see
    /// cref="ArgumentException"/>.</summary>
    public static DnnActivation Named(string name) => name?.ToLowerInvariant() switch
    {
        "relu" => new("relu", _ => nn.ReLU(), NoState, x => x.relu_()),
        "sigmoid" => new("sigmoid", _ => nn.Sigmoid(), NoState, x => x.sigmoid_()),
        "linear" => new("linear", _ => nn.Identity(), NoState, x => x),
        "prelu" => new("prelu", _ => nn.PReLU(1, 0.25), _ => new StateShapes().Add("weight", 1)),
        "dice" => new("dice", units => new Dice(units), Dice.Shapes),
        _ => throw new ArgumentException(
            $"activation \"{name}\" is not one of {string.Join(", ", KnownNames)} (or pass DnnActivation.Custom)",
            nameof(name)),
    };

    /// <summary>A custom activation made by <paramref name="factory"/> for a layer of the given width.</summary>
    public static DnnActivation Custom(string name, Func<long, nn.Module<Tensor, Tensor>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new DnnActivation("custom:" + name, factory, shapes: null);
    }

    /// <summary>
    /// The activation as a function applied in place (to a layer's fresh output, which nothing else reads), for
    /// activations without parameters or state (<c>relu</c>, <c>sigmoid</c>, <c>linear</c>): applying it to several
    /// layers' outputs at once equals applying each layer's module. Null for <c>prelu</c>, <c>dice</c> and custom
    /// activations, whose modules hold parameters or may.
    /// </summary>
    internal Func<Tensor, Tensor>? InPlace { get; }

    /// <summary>Creates the module for a layer of <paramref name="units"/> outputs.</summary>
    public nn.Module<Tensor, Tensor> Create(long units) => _factory(units);

    /// <summary>The tensors <see cref="Create"/> makes for <paramref name="units"/> outputs.</summary>
    internal StateShapes Shapes(long units) => _shapes?.Invoke(units) ?? throw new NotSupportedException(
        $"the tensors of the custom activation \"{Name}\" are unknown until it is built");

    private static StateShapes NoState(long units) => new();

    /// <summary>Same as <see cref="Named"/>.</summary>
    public static implicit operator DnnActivation(string name) => Named(name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
