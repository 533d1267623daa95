using FastTrack.Domain.Common;

namespace FastTrack.Domain.Partners;

/// <summary>A FastTrack partner organisation. Chosen or typed on the engagement form for now; admin and scoping come later.</summary>
public class PartnerOrganisation
{
    private PartnerOrganisation() { }

    public PartnerOrganisation(string name) => Name = Guard.Name(name, "Partner organisation");

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
}
