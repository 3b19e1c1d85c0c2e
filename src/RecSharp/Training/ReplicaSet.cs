using RecSharp.Runtime;
using RecSharp.Inputs;
using RecSharp.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>
/// Forward and backward passes of one step, on the model alone or data-parallel over its replica devices
/// (the reference's <c>gpus</c>; TorchSharp has no DataParallel): the batch is split into contiguous chunks, each
/// replica holds a copy of the model's current state and runs forward and backward on its chunk, and the replicas'
/// gradients are summed into the model's, so the optimizer steps once. Since the loss is a sum over rows, this
/// gives the gradients of the whole batch. Device-agnostic: replicas may also be on the CPU.
/// </summary>
internal sealed class ReplicaSet : IDisposable
{
    private readonly MultiTaskModel _model;
    private readonly IReadOnlyDictionary<string, Parameter> _parameters;
    private readonly List<(MultiTaskModel Model, IReadOnlyDictionary<string, Parameter> Parameters)> _replicas = [];

    public ReplicaSet(MultiTaskModel model)
    {
        _model = model;
        _parameters = model.ParametersByName();
        foreach (var device in model.ReplicaDevices?.Skip(1) ?? [])
        {
            var replica = model.CreateReplica(device.ToString());
            _replicas.Add((replica, replica.ParametersByName()));
        }
    }

    /// <summary>
    /// Runs forward and backward for <paramref name="batch"/>; returns the detached predictions <c>(rows, tasks)</c>
    /// and, in <paramref name="loss"/>, the total loss (data terms plus, with <paramref name="regularize"/>,
    /// regularisation: in a data-parallel fit one rank adds it). A batch of no rows (a rank whose rows ran out) adds
    /// only that penalty.
    /// </summary>
    public Tensor ForwardBackward(TrainingSetup setup, TensorInputs batch, Tensor labels, Tensor? mask, out double loss,
        bool regularize = true)
    {
        if (batch.Rows == 0)
        {
            var penalty = _model.Regularization.Loss(_parameters, _model.Device);
            loss = regularize ? penalty.item<float>() : 0;
            if (regularize && penalty.requires_grad) penalty.backward();
            return zeros(0, labels.shape[1], device: _model.Device);
        }
        if (_replicas.Count == 0 || batch.Rows < 2)
        {
            var predictions = _model.forward(batch);                                        // (rows, tasks)
            var total = StepLoss.DataLoss(setup, predictions, labels, mask);
            if (regularize)
                total = total.add(_model.Regularization.Loss(_parameters, _model.Device), setup.Scalars.One);
            loss = total.item<float>();
            total.backward();
            return predictions.detach();
        }
        int parts = (int)Math.Min(_replicas.Count + 1, batch.Rows);
        long chunk = (batch.Rows + parts - 1) / parts;
        var outputs = new List<Tensor>();
        double sum = 0;
        for (int r = 0; r < parts; r++)
        {
            long start = r * chunk;
            long length = Math.Min(chunk, batch.Rows - start);
            if (length <= 0) break;
            var model = r == 0 ? _model : _replicas[r - 1].Model;
            if (r > 0)
            {
                model.CopyStateFrom(_model);
                model.train(_model.training);
                model.zero_grad();
            }
            var part = batch.Narrow(start, length);
            var device = model.Device;
            var onDevice = TensorDevices.SameDevice(device, _model.Device) ? part : part.To(device);
            var y = labels.narrow(0, start, length).OnDevice(device);
            var m = mask?.narrow(0, start, length).OnDevice(device);
            var predictions = model.forward(onDevice);
            var total = StepLoss.DataLoss(setup, predictions, y, m);
            if (r == 0 && regularize)
                total = total.add(_model.Regularization.Loss(_parameters, _model.Device), setup.Scalars.One);
            sum += total.item<float>();
            total.backward();
            outputs.Add(predictions.detach().OnDevice(_model.Device));
        }
        GatherGradients(parts);
        loss = sum;
        return cat(outputs, 0);
    }

    private void GatherGradients(int parts)
    {
        using var noGrad = no_grad();
        for (int r = 1; r < parts && r <= _replicas.Count; r++)
        {
            foreach (var (name, parameter) in _replicas[r - 1].Parameters)
            {
                var replicaGrad = parameter.grad;
                if (replicaGrad is null) continue;
                var target = _parameters[name];
                var incoming = replicaGrad.OnDevice(_model.Device);
                if (target.grad is null) target.grad = incoming.clone();
                else target.grad.add_(incoming);
            }
        }
    }

    public void Dispose()
    {
        foreach (var (model, _) in _replicas) model.Dispose();
        _replicas.Clear();
    }
}
