const Yn=`.app/tasks`,Zn=`.app/docs`,Qn=`.app/reports`;function Xn(e){return e.trim()}export{Yn as Gt,Zn as Ht,Qn as Jt,Xn as Kt};
