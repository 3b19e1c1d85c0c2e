using static TorchSharp.torch;

namespace RecSharp.Runtime;

/// <summary>Moves tensors only when they are elsewhere, so that a tensor already in place is never aliased by a copy's
/// owner.</summary>
internal static class TensorDevices
{
    /// <summary><paramref name="tensor"/> itself when it is on <paramref name="other"/>'s device, else a copy
    /// there.</summary>
    public static Tensor OnDeviceOf(this Tensor tensor, Tensor other) => tensor.OnDevice(other.device);

    /// <summary><paramref name="tensor"/> itself when it is on <paramref name="device"/>, else a copy there.</summary>
    public static Tensor OnDevice(this Tensor tensor, Device device) =>
        SameDevice(tensor.device, device) ? tensor : tensor.to(device);

    /// <summary>Whether two devices are the same (an unindexed device means index 0).</summary>
    public static bool SameDevice(Device a, Device b) =>
        a.type == b.type && Math.Max(a.index, 0) == Math.Max(b.index, 0);
}
