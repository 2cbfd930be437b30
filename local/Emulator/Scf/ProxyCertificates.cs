using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// A throw-away certificate authority and one server certificate signed by it for the hosts the deploy library calls
/// (the API hosts and every bucket's XML API domain in the emulator's region), made fresh at each start. The CA is
/// written as PEM for <c>NODE_EXTRA_CA_CERTS</c>: the COS SDK verifies certificates (docs/reference/deploy.md §5).
/// </summary>
internal sealed class ProxyCertificates : IDisposable
{
    private ProxyCertificates(X509Certificate2 authority, X509Certificate2 server)
    {
        Authority = authority;
        Server = server;
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Server { get; }

    public static ProxyCertificates Create(IEnumerable<string> dnsNames, TimeProvider time)
    {
        var now = time.GetUtcNow();
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=ImageExport local deploy proxy CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=ImageExport local deploy proxy", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = serverRequest.Create(authority, now.AddMinutes(-5), now.AddDays(1), serial);
        var server = signed.CopyWithPrivateKey(serverKey);
        return new ProxyCertificates(authority, server);
    }

    /// <summary>Writes the CA (certificate only, no key) as PEM.</summary>
    public void WriteAuthority(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Authority.ExportCertificatePem() + "\n");
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
