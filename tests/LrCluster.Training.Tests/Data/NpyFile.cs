using System.Buffers.Binary;
using System.Text;

namespace LrCluster.Training.Tests.Data;

/// <summary>Writes .npy files byte by byte, the way numpy.save lays them out, so tests need no Python.</summary>
internal static class NpyFile
{
    public static byte[] Bytes(string descr, string shape, byte[] data, bool fortran = false, byte major = 1)
    {
        var prefix = major == 1 ? 10 : 12;
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        var padded = dict.PadRight(((prefix + dict.Length + 1 + 63) / 64 * 64) - prefix - 1) + "\n";
        var header = Encoding.ASCII.GetBytes(padded);
        var bytes = new byte[prefix + header.Length + data.Length];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = major;
        bytes[7] = 0;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)header.Length);
        }

        header.CopyTo(bytes, prefix);
        data.CopyTo(bytes, prefix + header.Length);
        return bytes;
    }

    public static byte[] F4(params float[] values)
    {
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]);
        }

        return data;
    }

    public static byte[] F8(params double[] values)
    {
        var data = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), values[i]);
        }

        return data;
    }

    public static byte[] I8(params long[] values)
    {
        var data = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), values[i]);
        }

        return data;
    }

    public static byte[] I4(params int[] values)
    {
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(i * 4), values[i]);
        }

        return data;
    }
}
