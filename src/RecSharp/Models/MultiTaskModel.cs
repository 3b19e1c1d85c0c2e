using System.Runtime.InteropServices;
using RecSharp.Features;
using RecSharp.Inputs;
using RecSharp.Layers;
using RecSharp.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Models;

/// <summary>
/// The common base of the multi-task models: it owns the feature layout and embedding input (registered as
/// <c>embedding_dict</c>), the task list, the regularisation registry and the device. A model maps a batch of
/// <see cref="TensorInputs"/> to <c>(batch, tasks)</c> outputs: a probability for binary tasks, a raw value for
/// regression tasks. Training (compile, fit, evaluate, predict) works on any model through this base.
/// </summary>
public abstract partial class MultiTaskModel : nn.Module<TensorInputs, Tensor>
{
    /// <summary>Validates the common options, seeds the initial weights and creates the embedding input.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="featureColumns">The model's input columns (the reference's <c>dnn_feature_columns</c>).</param>
    /// <param name="options">The common hyper-parameters.</param>
    /// <param name="minimumTasks">The fewest tasks the model accepts.</param>
    protected MultiTaskModel(string name, IEnumerable<FeatureColumn> featureColumns, MultiTaskOptions options,
        int minimumTasks = 2)
        : base(WithLibTorchLoaded(name))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(featureColumns);
        var columns = featureColumns.ToArray();
        if (columns.Length == 0)
        {
            throw new ArgumentException(
                "dnnFeatureColumns is empty: at least one feature column is needed", nameof(featureColumns));
        }
        Tasks = TaskSpec.FromLists(options.TaskTypes, options.TaskNames, minimumTasks);
        _modeMatters = !options.Dnn.IgnoresMode; // also validates dropout, activation and initStd
        if (options.L2RegDnn < 0 || options.L2RegEmbedding < 0 || options.L2RegLinear < 0)
        {
            throw new ArgumentException(
                "regularisation strengths (l2RegLinear, l2RegEmbedding, l2RegDnn) must be non-negative");
        }
        Device = TorchRuntime.ResolveDevice(options.Device);
        ReplicaDevices = ResolveGpus(options.Gpus, Device);
        Options = options;
        Layout = new FeatureLayout(columns);
        RequireMemoryForTables(Layout);
        random.manual_seed(options.Seed);
        try
        {
            Embedding = new EmbeddingInput(Layout, options.InitStd);
        }
        catch (ExternalException e)
        {
            throw new TorchOperationException("creating the embedding tables", e);
        }
        register_module("embedding_dict", Embedding);
    }

    // The blocks whose children the model registered as its own: not children themselves, so disposed apart.
    private readonly List<nn.Module> _blocks = [];

    // Whether the forward depends on the mode (dropout, BatchNorm, an activation with state): inferences then switch
    // to eval mode; otherwise they run in the mode they find.
    private readonly bool _modeMatters;

    /// <summary>The model's hyper-parameters.</summary>
    public MultiTaskOptions Options { get; }

    // TorchSharp's Module constructor is native code: libtorch must be known to load before it runs, so that a missing
    // backend package ends in NativeLibraryLoadException's explanation rather than a bare DllNotFoundException.
    private static string WithLibTorchLoaded(string name)
    {
        TorchRuntime.EnsureLoaded();
        return name;
    }

    /// <summary>The input layout derived from the feature columns.</summary>
    public FeatureLayout Layout { get; }

    /// <summary>The feature columns, in order.</summary>
    public IReadOnlyList<FeatureColumn> FeatureColumns => Layout.Columns;

    /// <summary>The tasks, in output order.</summary>
    public IReadOnlyList<TaskSpec> Tasks { get; }

    /// <summary>The device the model lives on.</summary>
    public Device Device { get; }

    /// <summary>The devices of data-parallel training (the first is <see cref="Device"/>), or null.</summary>
    public IReadOnlyList<Device>? ReplicaDevices { get; }

    /// <summary>The L1/L2 penalties added to the training loss.</summary>
    internal RegularizationRegistry Regularization { get; } = new();

    /// <summary>The embedding input.</summary>
    private protected EmbeddingInput Embedding { get; }

    /// <summary>Maps a batch to <c>(batch, tasks)</c> outputs.</summary>
    public override Tensor forward(TensorInputs input)
    {
        using var scope = NewDisposeScope();
        var dnnInput = Embedding.forward(input);                  // (batch, Layout.DnnInputDim)
        return Head(dnnInput).MoveToOuterDisposeScope();          // (batch, tasks)
    }

    /// <summary>The model's network after the embedding input: <c>(batch, DnnInputDim)</c> to <c>(batch,
    /// tasks)</c>. It runs inside a dispose scope (<see cref="forward"/>'s, or a predicted batch's), which frees its
    /// temporaries.</summary>
    protected abstract Tensor Head(Tensor dnnInput);

    /// <summary>A new, untrained model of the same type, columns and hyper-parameters, with <paramref
    /// name="options"/>.</summary>
    protected abstract MultiTaskModel CreateSibling(MultiTaskOptions options);

    /// <summary>
    /// Per level and gate, the mean softmax weight each expert receives on a batch (gate inspection); empty for
    /// models without gates. Each row sums to one.
    /// </summary>
    protected virtual IReadOnlyList<GateWeightSummary> GateWeightsOf(Tensor dnnInput) => [];

    /// <summary>
    /// Registers the children of <paramref name="block"/> as the model's own: a block names them with the reference's
    /// keys (<c>tower_dnn</c>, <c>expert_dnn</c>, …), which the model's state dict then holds unchanged.
    /// </summary>
    private protected void Adopt(nn.Module block)
    {
        _blocks.Add(block);
        foreach (var (name, child) in block.named_children()) register_module(name, child);
    }

    /// <summary>
    /// Registers each child of stacked <paramref name="members"/> (blocks of one type) as one list over the members,
    /// under the child's name: the reference's layout for levels (<c>specific_experts.&lt;level&gt;.…</c>).
    /// </summary>
    private protected void AdoptListed(IReadOnlyList<nn.Module> members)
    {
        _blocks.AddRange(members);
        foreach (var (name, _) in members[0].named_children())
        {
            var listed = members.Select(m => m.named_children().Single(c => c.name == name).module).ToArray();
            register_module(name, nn.ModuleList(listed));
        }
    }

    /// <summary>The tensors of every model: its embedding tables, <c>embedding_dict.&lt;table&gt;.weight</c>.</summary>
    private protected static StateShapes EmbeddingShapes(FeatureLayout layout) =>
        new StateShapes().Add("embedding_dict", EmbeddingInput.Shapes(layout));

    /// <summary>
    /// Registers the common regularisation (embeddings with <c>l2RegEmbedding</c>, every DNN, gate and tower weight
    /// with <c>l2RegDnn</c>, BatchNorm and biases excluded, as the reference) and moves the model to its device.
    /// Derived constructors call this last.
    /// </summary>
    protected void CompleteConstruction()
    {
        var names = named_parameters().Select(p => p.name).ToArray();
        Regularization.Add(names.Where(n => n.StartsWith("embedding_dict.", StringComparison.Ordinal)),
            l2: Options.L2RegEmbedding);
        Regularization.Add(names.Where(n => !n.StartsWith("embedding_dict.", StringComparison.Ordinal)
                                            && n.Contains("weight", StringComparison.Ordinal)
                                            && !n.Contains("bn", StringComparison.Ordinal)), l2: Options.L2RegDnn);
        if (Device.type != DeviceType.CPU) this.to(Device);
    }

    /// <summary>The model's parameters by state-dict name.</summary>
    public IReadOnlyDictionary<string, Parameter> ParametersByName() =>
        named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);

    /// <summary>A fresh model with the same structure on <paramref name="device"/>, holding a copy of this model's
    /// state.</summary>
    public MultiTaskModel CreateReplica(string device)
    {
        var replica = CreateSibling(Options with { Device = device, Gpus = null });
        replica.CopyStateFrom(this);
        return replica;
    }

    /// <summary>Copies every parameter and buffer of <paramref name="source"/> (same structure) into this
    /// model.</summary>
    public void CopyStateFrom(MultiTaskModel source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Access.Exclusive(() =>
        {
            var target = state_dict();
            using var noGrad = no_grad();
            foreach (var (key, value) in source.state_dict())
                target[key].copy_(value);
        });
    }

    /// <summary>Who may use the model at once: inferences together, a fit or a weight load alone.</summary>
    internal ModelAccess Access { get; } = new();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Access.Dispose();
            foreach (var block in _blocks) block.Dispose();
        }
        base.Dispose(disposing);
    }

    // Embedding tables are allocated and initialised whole: more than the process may use would end it (out of memory,
    // or killed by the system) rather than fail with a message.
    private static void RequireMemoryForTables(FeatureLayout layout)
    {
        double bytes = layout.EmbeddingTables.Sum(t => 4.0 * t.VocabularySize * t.Dim);
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (available <= 0 || bytes <= available) return;
        var largest = layout.EmbeddingTables.MaxBy(t => (double)t.VocabularySize * t.Dim)!;
        throw new ArgumentException(
            $"the embedding tables take {TensorSizeLimit.Size(bytes)}, " +
            $"more than the {TensorSizeLimit.Size(available)} of memory this process may use " +
            $"(the largest, \"{largest.Name}\", is {largest.VocabularySize} × {largest.Dim}); " +
            "lower the vocabulary sizes or embedding dimensions");
    }

    private static Device[]? ResolveGpus(IReadOnlyList<string>? gpus, Device device)
    {
        if (gpus is null) return null;
        if (gpus.Count == 0)
            throw new ArgumentException("gpus must name at least one device, or be null", nameof(gpus));
        var devices = gpus.Select(g => TorchRuntime.ResolveDevice(int.TryParse(g, out int index) ? $"cuda:{index}" : g))
            .ToArray();
        if (!TensorDevices.SameDevice(devices[0], device))
        {
            throw new ArgumentException($"gpus[0] ({devices[0]}) should be the same device as device ({device})",
                nameof(gpus));
        }
        return devices;
    }
}
