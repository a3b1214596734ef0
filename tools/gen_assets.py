#!/usr/bin/env python3
"""Generates core's asset universe (assets.csv): real listings for the well-known top
assets, deterministic generated ones beyond. Run: python3 tools/gen_assets.py [count] > file"""
import random, sys

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
rng = random.Random(20261126)

# symbol, name, id, binance, coinbase, kraken(request|result key), okx  ('' = not listed)
REAL = [
 ("BTC","Bitcoin","bitcoin","BTCUSDT","BTC-USD","XBTUSD|XXBTZUSD","BTC-USDT"),
 ("ETH","Ethereum","ethereum","ETHUSDT","ETH-USD","ETHUSD|XETHZUSD","ETH-USDT"),
 ("USDT","Tether","tether","","USDT-USD","USDTUSD|USDTZUSD",""),
 ("XRP","XRP","ripple","XRPUSDT","XRP-USD","XRPUSD|XXRPZUSD","XRP-USDT"),
 ("BNB","BNB","binancecoin","BNBUSDT","","","BNB-USDT"),
 ("SOL","Solana","solana","SOLUSDT","SOL-USD","SOLUSD","SOL-USDT"),
 ("USDC","USD Coin","usd-coin","USDCUSDT","","USDCUSD","USDC-USDT"),
 ("DOGE","Dogecoin","dogecoin","DOGEUSDT","DOGE-USD","XDGUSD","DOGE-USDT"),
 ("TRX","TRON","tron","TRXUSDT","","TRXUSD","TRX-USDT"),
 ("ADA","Cardano","cardano","ADAUSDT","ADA-USD","ADAUSD","ADA-USDT"),
 ("LINK","Chainlink","chainlink","LINKUSDT","LINK-USD","LINKUSD","LINK-USDT"),
 ("AVAX","Avalanche","avalanche-2","AVAXUSDT","AVAX-USD","AVAXUSD","AVAX-USDT"),
 ("XLM","Stellar","stellar","XLMUSDT","XLM-USD","XLMUSD|XXLMZUSD","XLM-USDT"),
 ("SUI","Sui","sui","SUIUSDT","SUI-USD","SUIUSD","SUI-USDT"),
 ("BCH","Bitcoin Cash","bitcoin-cash","BCHUSDT","BCH-USD","BCHUSD","BCH-USDT"),
 ("HBAR","Hedera","hedera-hashgraph","HBARUSDT","HBAR-USD","HBARUSD","HBAR-USDT"),
 ("LTC","Litecoin","litecoin","LTCUSDT","LTC-USD","LTCUSD|XLTCZUSD","LTC-USDT"),
 ("DOT","Polkadot","polkadot","DOTUSDT","DOT-USD","DOTUSD","DOT-USDT"),
 ("SHIB","Shiba Inu","shiba-inu","SHIBUSDT","SHIB-USD","SHIBUSD","SHIB-USDT"),
 ("TON","Toncoin","the-open-network","TONUSDT","","TONUSD","TON-USDT"),
 ("UNI","Uniswap","uniswap","UNIUSDT","UNI-USD","UNIUSD","UNI-USDT"),
 ("PEPE","Pepe","pepe","PEPEUSDT","","PEPEUSD","PEPE-USDT"),
 ("NEAR","NEAR Protocol","near","NEARUSDT","NEAR-USD","NEARUSD","NEAR-USDT"),
 ("APT","Aptos","aptos","APTUSDT","APT-USD","APTUSD","APT-USDT"),
 ("ICP","Internet Computer","internet-computer","ICPUSDT","ICP-USD","ICPUSD","ICP-USDT"),
 ("AAVE","Aave","aave","AAVEUSDT","AAVE-USD","AAVEUSD","AAVE-USDT"),
 ("ETC","Ethereum Classic","ethereum-classic","ETCUSDT","ETC-USD","ETCUSD|XETCZUSD","ETC-USDT"),
 ("POL","POL (ex-MATIC)","polygon-ecosystem-token","POLUSDT","POL-USD","POLUSD","POL-USDT"),
 ("FIL","Filecoin","filecoin","FILUSDT","FIL-USD","FILUSD","FIL-USDT"),
 ("ATOM","Cosmos Hub","cosmos","ATOMUSDT","ATOM-USD","ATOMUSD","ATOM-USDT"),
 ("ARB","Arbitrum","arbitrum","ARBUSDT","ARB-USD","ARBUSD","ARB-USDT"),
 ("OP","Optimism","optimism","OPUSDT","OP-USD","OPUSD","OP-USDT"),
 ("INJ","Injective","injective-protocol","INJUSDT","INJ-USD","INJUSD","INJ-USDT"),
 ("RENDER","Render","render-token","RENDERUSDT","RENDER-USD","RENDERUSD","RENDER-USDT"),
 ("IMX","Immutable","immutable-x","IMXUSDT","IMX-USD","IMXUSD","IMX-USDT"),
 ("STX","Stacks","blockstack","STXUSDT","STX-USD","STXUSD","STX-USDT"),
 ("GRT","The Graph","the-graph","GRTUSDT","GRT-USD","GRTUSD","GRT-USDT"),
 ("ALGO","Algorand","algorand","ALGOUSDT","ALGO-USD","ALGOUSD","ALGO-USDT"),
 ("VET","VeChain","vechain","VETUSDT","","","VET-USDT"),
 ("XMR","Monero","monero","","","XMRUSD|XXMRZUSD","XMR-USDT"),
 ("TIA","Celestia","celestia","TIAUSDT","TIA-USD","TIAUSD","TIA-USDT"),
 ("SEI","Sei","sei-network","SEIUSDT","SEI-USD","SEIUSD","SEI-USDT"),
 ("LDO","Lido DAO","lido-dao","LDOUSDT","LDO-USD","LDOUSD","LDO-USDT"),
 ("QNT","Quant","quant-network","QNTUSDT","QNT-USD","QNTUSD","QNT-USDT"),
 ("FET","Artificial Superintelligence Alliance","fetch-ai","FETUSDT","FET-USD","FETUSD","FET-USDT"),
 ("RUNE","THORChain","thorchain","RUNEUSDT","","RUNEUSD","RUNE-USDT"),
 ("SAND","The Sandbox","the-sandbox","SANDUSDT","SAND-USD","SANDUSD","SAND-USDT"),
 ("MANA","Decentraland","decentraland","MANAUSDT","MANA-USD","MANAUSD","MANA-USDT"),
 ("AXS","Axie Infinity","axie-infinity","AXSUSDT","AXS-USD","AXSUSD","AXS-USDT"),
 ("EGLD","MultiversX","elrond-erd-2","EGLDUSDT","EGLD-USD","EGLDUSD","EGLD-USDT"),
 ("FLOW","Flow","flow","FLOWUSDT","FLOW-USD","FLOWUSD","FLOW-USDT"),
 ("XTZ","Tezos","tezos","XTZUSDT","XTZ-USD","XTZUSD|XTZUSD","XTZ-USDT"),
 ("THETA","Theta Network","theta-token","THETAUSDT","","","THETA-USDT"),
 ("CHZ","Chiliz","chiliz","CHZUSDT","CHZ-USD","CHZUSD","CHZ-USDT"),
 ("KAVA","Kava","kava","KAVAUSDT","KAVA-USD","KAVAUSD","KAVA-USDT"),
 ("SNX","Synthetix","havven","SNXUSDT","SNX-USD","SNXUSD","SNX-USDT"),
 ("CRV","Curve DAO","curve-dao-token","CRVUSDT","CRV-USD","CRVUSD","CRV-USDT"),
 ("COMP","Compound","compound-governance-token","COMPUSDT","COMP-USD","COMPUSD","COMP-USDT"),
 ("ZEC","Zcash","zcash","ZECUSDT","ZEC-USD","ZECUSD|XZECZUSD","ZEC-USDT"),
 ("DASH","Dash","dash","DASHUSDT","DASH-USD","DASHUSD","DASH-USDT"),
 ("ENJ","Enjin Coin","enjincoin","ENJUSDT","","ENJUSD","ENJ-USDT"),
 ("BAT","Basic Attention","basic-attention-token","BATUSDT","BAT-USD","BATUSD","BAT-USDT"),
 ("1INCH","1inch","1inch","1INCHUSDT","1INCH-USD","1INCHUSD","1INCH-USDT"),
 ("GALA","Gala","gala","GALAUSDT","GALA-USD","GALAUSD","GALA-USDT"),
 ("APE","ApeCoin","apecoin","APEUSDT","APE-USD","APEUSD","APE-USDT"),
 ("ZIL","Zilliqa","zilliqa","ZILUSDT","","","ZIL-USDT"),
 ("ANKR","Ankr","ankr","ANKRUSDT","ANKR-USD","ANKRUSD",""),
 ("SUSHI","SushiSwap","sushi","SUSHIUSDT","SUSHI-USD","SUSHIUSD","SUSHI-USDT"),
 ("YFI","yearn.finance","yearn-finance","YFIUSDT","YFI-USD","YFIUSD","YFI-USDT"),
 ("KSM","Kusama","kusama","KSMUSDT","","KSMUSD","KSM-USDT"),
]

SYLL = ["ka","lo","mi","ra","ze","tu","vo","xi","qa","no","pe","di","fa","gu","ho","jy","be","ci","sa","ty","wu","ny","mo","re","lu"]
used = {r[0] for r in REAL}

def gen_symbol():
    while True:
        s = "".join(rng.choice(SYLL) for _ in range(rng.choice([2, 2, 3]))).upper()
        if rng.random() < 0.15:
            s += str(rng.randint(1, 9))
        if 3 <= len(s) <= 9 and s not in used:
            used.add(s)
            return s

print("rank,symbol,name,id,binance,coinbase,kraken,okx")
for i, r in enumerate(REAL[:COUNT], start=1):
    print(f"{i},{r[0]},{r[1]},{r[2]},{r[3]},{r[4]},{r[5]},{r[6]}")
for rank in range(len(REAL) + 1, COUNT + 1):
    sym = gen_symbol()
    name = sym.capitalize() + " " + rng.choice(["Token", "Protocol", "Network", "Coin", "Finance", "Chain"])
    slug = name.lower().replace(" ", "-")
    cold = rank > 200
    # beyond the top 1,000 (only in generated bigger universes) Coinbase, whose whole catalogue is ~300
    # assets, lists almost nothing, and a tail asset listed nowhere else goes to a bulk-ticker exchange
    tail = rank > 1000
    p = (0.55, 0.01 if tail else 0.12, 0.30, 0.45) if cold else (0.95, 0.5, 0.7, 0.85)
    listed = [rng.random() < q for q in p]
    if not any(listed):
        listed[rng.choice((0, 2, 3)) if tail else rng.randrange(4)] = True
    b = f"{sym}USDT" if listed[0] else ""
    c = f"{sym}-USD" if listed[1] else ""
    k = f"{sym}USD" if listed[2] else ""
    o = f"{sym}-USDT" if listed[3] else ""
    print(f"{rank},{sym},{name},{slug},{b},{c},{k},{o}")
