namespace BitGridAI.Storage;

/// <summary>A database that cannot be used, with a message that names the file and what to do.</summary>
public sealed class StorageException : Exception
{
    public StorageException(string message) : base(message)
    {
    }

    public StorageException(string message, Exception inner) : base(message, inner)
    {
    }
}
