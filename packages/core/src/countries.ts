/**
 * ISO 3166-1 country codes: alpha-2 (what forms and card billing addresses use, `DE`) and alpha-3
 * (what Vault's profile takes, `DEU`). Each entry is the alpha-2 code followed by the alpha-3 code,
 * the latter written as its last letter alone when it begins with the alpha-2 code (`DEU` for
 * DE/DEU, `AEARE` for AE/ARE).
 */
const TABLE =
  'ADAND AEARE AFG AGATG AIA ALB AMARM AOAGO AQATA ARG ASM ATAUT AUS AWABW AXALA AZE BABIH BBBRB ' +
  'BDBGD BEL BFA BGR BHR BIBDI BJBEN BLM BMU BNBRN BOL BQBES BRA BSBHS BTN BVT BWA BYBLR BZBLZ CAN ' +
  'CCK CDCOD CFCAF CGCOG CHE CIV CKCOK CLCHL CMR CNCHN COL CRI CUB CVCPV CWCUW CXR CYP CZE DEU DJI ' +
  'DKDNK DMA DOM DZA ECU EEEST EGY EHESH ERI ESP ETH FIN FJI FKFLK FMFSM FOFRO FRA GAB GBR GDGRD ' +
  'GEO GFGUF GGY GHA GIB GLGRL GMB GNGIN GPGLP GQGNQ GRC GSSGS GTM GUM GWGNB GYGUY HKG HMD HND HRV ' +
  'HTI HUN IDN IEIRL ILISR IMN IND IOT IQIRQ IRN ISL ITA JEY JMJAM JOR JPN KEN KGZ KHM KIR KMCOM ' +
  'KNA KPPRK KRKOR KWT KYCYM KZKAZ LAO LBN LCA LIE LKA LRLBR LSO LTU LUX LVA LYLBY MAR MCO MDA ' +
  'MEMNE MFMAF MGMDG MHL MKD MLI MMR MNG MOMAC MPMNP MQMTQ MRT MSR MTMLT MUS MVMDV MWI MXMEX MYS ' +
  'MZMOZ NAM NCL NER NFK NGA NIC NLD NOR NPL NRU NUNIU NZL OMN PAN PER PFPYF PGPNG PHL PKPAK PLPOL ' +
  'PMSPM PNPCN PRI PSE PTPRT PWPLW PYPRY QAT REU ROU RSSRB RUS RWA SAU SBSLB SCSYC SDN SESWE SGP ' +
  'SHN SISVN SJM SKSVK SLE SMR SNSEN SOM SRSUR SSD STP SVSLV SXM SYR SZSWZ TCA TDTCD TFATF TGO THA ' +
  'TJK TKL TLS TMTKM TNTUN TON TRTUR TTO TVTUV TWN TZA UAUKR UGA UMI USA UYURY UZB VAT VCT VEN VGB ' +
  'VIR VNM VUT WFWLF WSM YEM YTMYT ZAF ZMB ZWE';

let alpha3ByAlpha2: Map<string, string> | undefined;
let alpha2ByAlpha3: Map<string, string> | undefined;

function tables(): [Map<string, string>, Map<string, string>] {
  if (!alpha3ByAlpha2 || !alpha2ByAlpha3) {
    alpha3ByAlpha2 = new Map();
    alpha2ByAlpha3 = new Map();
    for (const entry of TABLE.split(' ')) {
      const alpha2 = entry.slice(0, 2);
      const alpha3 = entry.length === 3 ? entry : entry.slice(2);
      alpha3ByAlpha2.set(alpha2, alpha3);
      alpha2ByAlpha3.set(alpha3, alpha2);
    }
  }
  return [alpha3ByAlpha2, alpha2ByAlpha3];
}

/** The alpha-3 code of a country given by its alpha-2 or alpha-3 code (any case); undefined for neither. */
export function countryAlpha3(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  const [byAlpha2, byAlpha3] = tables();
  if (upper.length === 2) return byAlpha2.get(upper);
  return upper.length === 3 && byAlpha3.has(upper) ? upper : undefined;
}

/** The alpha-2 code of a country given by its alpha-2 or alpha-3 code (any case); undefined for neither. */
export function countryAlpha2(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  const [byAlpha2, byAlpha3] = tables();
  if (upper.length === 3) return byAlpha3.get(upper);
  return upper.length === 2 && byAlpha2.has(upper) ? upper : undefined;
}

const named = new Map<string, { code: string; name: string }[]>();

/** Every country as `{ code, name }` (alpha-2 code, name in `locale` through `Intl.DisplayNames`), sorted by name. */
export function countries(locale: string): { code: string; name: string }[] {
  const cached = named.get(locale);
  if (cached) return cached;
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  const collator = new Intl.Collator(locale);
  const list = [...tables()[0].keys()].map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
  named.set(locale, list);
  return list;
}
