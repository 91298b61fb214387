#!/usr/bin/env python3
"""Writes crafted.pcap: DNS messages the corpus lacks (a compression loop, a pointer past the
end, a message cut short, CAA and HTTPS records, ECS, an unknown type), one UDP datagram per
frame, for DnsDissectorTest. Usage: crafted.py OUT.pcap"""
import sys
import struct
def ip_csum(h):
    s=sum(struct.unpack('!10H',h)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
def frame(payload, sport=53, dport=33333):
    udp=struct.pack('!HHHH',sport,dport,8+len(payload),0)+payload
    iph=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(udp),1,0,64,17,0,bytes([10,0,0,1]),bytes([10,0,0,2]))
    iph=iph[:10]+struct.pack('!H',ip_csum(iph))+iph[12:]
    return b'\x00'*6+b'\x02'+b'\x00'*5+b'\x08\x00'+iph+udp
def name(s):
    out=b''
    for l in s.split('.'):
        if l: out+=bytes([len(l)])+l.encode()
    return out+b'\x00'
def hdr(id,flags,qd,an,ns,ar): return struct.pack('!HHHHHH',id,flags,qd,an,ns,ar)
pk=[]
q=name('example.com')+struct.pack('!HH',1,1)
# 1 loop: answer name is a pointer to itself at offset 12+len(q)
off=12+len(q)
pk.append(hdr(0x1111,0x8180,1,1,0,0)+q+struct.pack('!H',0xc000|off)+struct.pack('!HHIH',1,1,60,4)+bytes([1,2,3,4]))
# 2 pointer out of range
pk.append(hdr(0x2222,0x8180,1,1,0,0)+q+struct.pack('!H',0xc000|0x3ff)+struct.pack('!HHIH',1,1,60,4)+bytes([1,2,3,4]))
# 3 truncated: qd=1 an=1 but answer missing
pk.append(hdr(0x3333,0x8180,1,1,0,0)+q)
# 4 CAA + HTTPS
caa=bytes([0x80,5])+b'issue'+b'letsencrypt.org'
https=struct.pack('!H',1)+b'\x00'+struct.pack('!HH',1,6)+b'\x02h2\x02h3'+struct.pack('!HHH',3,2,443)+struct.pack('!HH',4,4)+bytes([1,2,3,4])+struct.pack('!HH',6,16)+bytes(range(16))+struct.pack('!HH',0,4)+struct.pack('!HH',1,3)
pk.append(hdr(0x4444,0x8180,1,2,0,0)+q+b'\xc0\x0c'+struct.pack('!HHIH',257,1,300,len(caa))+caa+b'\xc0\x0c'+struct.pack('!HHIH',65,1,300,len(https))+https)
# 5 loop in question name at offset 12 pointing to itself
pk.append(hdr(0x5555,0x0100,1,0,0,0)+b'\xc0\x0c'+struct.pack('!HH',1,1))
# 6 header only 8 bytes
pk.append(b'\x12\x34\x01\x00\x00\x01\x00')
# 7 name with label pointing forward into rdata, ECS option and odd type
opt=b'\x00'+struct.pack('!HHIH',41,4096,0x8000,12)+struct.pack('!HHHBB',8,8,1,24,0)+bytes([192,168,1])+b'\x00'
pk.append(hdr(0x7777,0x0120,1,0,0,1)+q+opt)
# 8 rcode refused response, unknown type 
pk.append(hdr(0x8888,0x8185,1,1,0,0)+name('x.test')+struct.pack('!HH',1234,3)+b'\xc0\x0c'+struct.pack('!HHIH',1234,3,5,3)+b'abc')
with open(sys.argv[1],'wb') as f:
    f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1))
    for i,p in enumerate(pk):
        fr=frame(p)
        f.write(struct.pack('<IIII',1700000000+i,0,len(fr),len(fr))+fr)
