namespace LrCluster.Training.Data;

/// <summary>Data that cannot be used as given: the message names the file, the row or column, and what was expected.</summary>
public sealed class DataException(string message) : Exception(message);
